// Starts a group buy: reserves requiredSize units of stock under the product's lock (so the
// completed buy can always be fulfilled) and makes the starter the first participant.
MATCH (p:Product {id: $productId}), (starter:User {id: $starterId})
SET p._lock = true REMOVE p._lock
WITH p, starter
WHERE p.stock >= $requiredSize
SET p.stock = p.stock - $requiredSize
CREATE (b:GroupBuy {id: $id, groupPrice: $groupPrice, currency: p.currency, requiredSize: $requiredSize, expiresAt: $expiresAt,
  status: 'OPEN', createdAt: $now, completedAt: null, starterId: $starterId, shareCode: $shareCode, participantCount: 1, groupId: $groupId})-[:FOR]->(p)
CREATE (starter)-[:JOINED_GROUP_BUY {at: $now}]->(b)
WITH b
CALL (b) {
  WITH b WHERE $groupId IS NOT NULL
  MATCH (g:Group {id: $groupId})
  CREATE (b)-[:IN_GROUP]->(g)
}
RETURN b.id AS id
