// Starts a group from a merchant's offer, at the offer's price, size and window. Locks the
// starter, the offer and the product, in that order (joining and expiry keep the same order), then
// checks and writes in this one transaction: the offer is live and has a place left, the starter
// is in no other open group of it, and a unit is in stock. Only the starter's own unit is
// reserved; each participant who joins reserves theirs.
MATCH (starter:User {id: $starterId}), (o:GroupBuyOffer {id: $offerId})-[:FOR]->(p:Product)
SET starter._lock = true REMOVE starter._lock
SET o._lock = true REMOVE o._lock
SET p._lock = true REMOVE p._lock
WITH starter, o, p,
     EXISTS { MATCH (starter)-[:JOINED_GROUP_BUY]->(b:GroupBuy)-[:FROM_OFFER]->(o) WHERE b.status = 'OPEN' AND b.expiresAt > $now } AS alreadyIn
WITH starter, o, p, CASE
       WHEN o.status <> 'OPEN' OR (o.endsAt IS NOT NULL AND o.endsAt <= $now) THEN 'OFFER_CLOSED'
       WHEN alreadyIn THEN 'ALREADY_IN_GROUP'
       WHEN o.groupCount >= o.maxGroups THEN 'NO_GROUPS_LEFT'
       WHEN p.stock < 1 THEN 'OUT_OF_STOCK'
       ELSE 'STARTED' END AS outcome
CALL (starter, o, p, outcome) {
  WITH * WHERE outcome = 'STARTED'
  SET p.stock = p.stock - 1, o.groupCount = o.groupCount + 1
  CREATE (starter)-[:JOINED_GROUP_BUY {at: $now}]->(b:GroupBuy {id: $id, offerId: o.id, groupPrice: o.groupPrice, currency: o.currency,
    requiredSize: o.requiredSize, expiresAt: $now + o.windowHours * 3600000, status: 'OPEN', createdAt: $now, completedAt: null,
    starterId: starter.id, shareCode: $shareCode, participantCount: 1, reservedUnits: 1, groupId: $groupId})-[:FOR]->(p)
  CREATE (b)-[:FROM_OFFER]->(o)
  WITH b WHERE $groupId IS NOT NULL
  MATCH (g:Group {id: $groupId})
  CREATE (b)-[:IN_GROUP]->(g)
}
RETURN outcome
