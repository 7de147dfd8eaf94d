// Sharers ranked by orders (REFERRAL) or GMV through their links in the period, optionally among a group's members.
// Only the sharer's UTC days with at least $minBuyers distinct buyers count (src/common/order-disclosure.ts);
// a sharer with no such day is not ranked.
MATCH (buyer:User)-[:PLACED]->(o:Order)-[:VIA]->(l:ShareLink)
WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
WITH l.sharerId AS id, o.createdAt - o.createdAt % 86400000 AS dayStart, count(DISTINCT o) AS orders, count(DISTINCT buyer) AS buyers, sum(o.totalMinor) AS gmv
WHERE buyers >= $minBuyers
WITH id, sum(orders) AS orders, sum(gmv) AS gmv
// An erased sharer (a tombstone kept for accounting), or one whose account is gone, is not ranked.
WHERE EXISTS { MATCH (sharer:User {id: id}) WHERE sharer.deletedAt IS NULL }
  AND ($groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) })
WITH id, CASE $kind WHEN 'GMV' THEN gmv ELSE orders END AS value
RETURN id, value
ORDER BY value DESC, id
SKIP $skip LIMIT $limit
