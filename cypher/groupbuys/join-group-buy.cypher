// Commits one participant and reserves their unit. Locks the joiner, the group buy and the
// product, in that order, then checks and writes in this one transaction: never more than
// requiredSize participants, never one user in two open groups of one offer, never a unit that is
// not in stock. Group buys from before offers (no reservedUnits) reserved their whole size at the
// start, so joining them takes no more stock.
MATCH (u:User {id: $userId}), (b:GroupBuy {id: $id})-[:FOR]->(p:Product)
SET u._lock = true REMOVE u._lock
SET b._lock = true REMOVE b._lock
SET p._lock = true REMOVE p._lock
WITH u, b, p
OPTIONAL MATCH (u)-[existing:JOINED_GROUP_BUY]->(b)
WITH u, b, p, existing, b.reservedUnits IS NOT NULL AS reservesEach,
     EXISTS { MATCH (u)-[:JOINED_GROUP_BUY]->(other:GroupBuy)-[:FROM_OFFER]->(:GroupBuyOffer)<-[:FROM_OFFER]-(b)
              WHERE other <> b AND other.status = 'OPEN' AND other.expiresAt > $now } AS inAnother
WITH u, b, p, reservesEach, CASE
       WHEN existing IS NOT NULL THEN 'ALREADY_JOINED'
       WHEN b.status <> 'OPEN' THEN b.status
       WHEN b.expiresAt <= $now THEN 'EXPIRED'
       WHEN b.participantCount >= b.requiredSize THEN 'FULL'
       WHEN inAnother THEN 'IN_ANOTHER_GROUP'
       WHEN reservesEach AND p.stock < 1 THEN 'OUT_OF_STOCK'
       ELSE 'JOINED' END AS outcome
CALL (u, b, p, reservesEach, outcome) {
  WITH * WHERE outcome = 'JOINED'
  CREATE (u)-[:JOINED_GROUP_BUY {at: $now}]->(b)
  SET b.participantCount = b.participantCount + 1
  WITH * WHERE reservesEach
  SET p.stock = p.stock - 1, b.reservedUnits = b.reservedUnits + 1
}
RETURN outcome, b.participantCount AS participantCount, b.requiredSize AS requiredSize
