// Completes a full group buy: one order per participant at the offer's group price, from the
// units the participants reserved as they joined, attributed to the group (if any) and, for everyone but the starter, to
// the starter's share link. Returns the orders to compute commissions for.
MATCH (b:GroupBuy {id: $id})-[:FOR]->(p:Product)<-[:SELLS]-(merchant:User)
WHERE b.status = 'OPEN' AND b.participantCount >= b.requiredSize
SET b.status = 'COMPLETED', b.completedAt = $now
WITH b, p, merchant
MATCH (u:User)-[:JOINED_GROUP_BUY]->(b)
WITH b, p, merchant, u ORDER BY u.id
WITH b, p, merchant, collect(u) AS participants
UNWIND range(0, size(participants) - 1) AS i
WITH b, p, merchant, participants[i] AS u, $orderIds[i] AS orderId
CREATE (u)-[:PLACED]->(o:Order {id: orderId, status: 'PLACED', totalMinor: b.groupPrice, currency: b.currency,
  clientKey: 'group-buy:' + b.id, createdAt: $now, updatedAt: $now, flagged: false, groupBuyId: b.id})-[:SOLD_BY]->(merchant)
CREATE (o)-[:CONTAINS {qty: 1, unitPriceMinor: b.groupPrice}]->(p)
WITH b, o, u
CALL (b, o) {
  MATCH (b)-[:IN_GROUP]->(g:Group)
  CREATE (o)-[:TOUCHED {kind: 'GROUP', at: $now}]->(g)
}
CALL (b, o, u) {
  WITH * WHERE u.id <> b.starterId
  MATCH (l:ShareLink {code: b.shareCode})
  CREATE (o)-[:TOUCHED {kind: 'SHARE_LINK', at: $now}]->(l)
  CREATE (o)-[:VIA]->(l)
}
RETURN o.id AS orderId, u.id AS buyerId, o.totalMinor AS totalMinor, o.currency AS currency, b.shareCode AS shareCode,
       u.id <> b.starterId AS viaStarter
