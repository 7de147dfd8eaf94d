// The commissions the user earned.
MATCH (c:Commission)-[:EARNED_BY]->(:User {id: $userId})
WHERE $after IS NULL OR c.id > $after
RETURN c.id AS key, c { .id, .orderId, .level, .amountMinor, .currency, .status, .rateBps, .linkCode, .createdAt } AS item
ORDER BY key
LIMIT $limit
