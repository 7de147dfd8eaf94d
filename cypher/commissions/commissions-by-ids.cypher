// Commissions by id with who earned each (node(id): the earner and admins read one).
UNWIND $ids AS id
MATCH (c:Commission {id: id})-[:EARNED_BY]->(u:User)
RETURN c { .id, .orderId, .level, .amountMinor, .currency, .status, .rateSetId, .rateBps, .linkCode, .createdAt, earnerId: u.id } AS commission
