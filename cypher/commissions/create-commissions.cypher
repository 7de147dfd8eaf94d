// Writes an order's commissions, one per rewarded level.
MATCH (o:Order {id: $orderId})
UNWIND $commissions AS c
MATCH (earner:User {id: c.userId})
CREATE (o)-[:GENERATED]->(:Commission {
  id: c.id, orderId: $orderId, level: c.level, amountMinor: c.amountMinor, currency: $currency,
  status: $status, rateSetId: $rateSetId, rateBps: c.rateBps, linkCode: c.linkCode, createdAt: $now, updatedAt: $now
})-[:EARNED_BY]->(earner)
