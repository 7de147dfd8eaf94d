// Sharers ranked by the GMV of counted orders (fragments/order-counts: live, not held by fraud) that came through their links in the period: by the sum
// of its minor units over currencies (the ranking needs one number; the catalogue sells in one
// currency today), each sharer's GMV returned as one amount per currency.
MATCH (o:Order)-[:VIA]->(l:ShareLink)
WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
MATCH (buyer:User)-[:PLACED]->(o)
WITH l.sharerId AS sharerId, count(DISTINCT o) AS orders, count(DISTINCT buyer) AS buyers, sum(o.totalMinor) AS rankMinor
// An erased sharer (a tombstone kept for accounting), or one whose account is gone, is not ranked:
// each row names its sharer as a User.
WHERE EXISTS { MATCH (sharer:User {id: sharerId}) WHERE sharer.deletedAt IS NULL }
WITH sharerId, orders, buyers, rankMinor
ORDER BY rankMinor DESC, orders DESC, sharerId
LIMIT $limit
CALL (sharerId) {
  MATCH (o:Order)-[:VIA]->(:ShareLink {sharerId: sharerId})
  WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
  WITH o.currency AS currency, sum(o.totalMinor) AS amountMinor
  RETURN collect({currency: currency, amountMinor: amountMinor}) AS gmv
}
RETURN sharerId, orders, buyers, gmv
ORDER BY rankMinor DESC, orders DESC, sharerId
