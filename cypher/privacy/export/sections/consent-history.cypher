// Every consent answer the user gave (the audit trail).
MATCH (:User {id: $userId})-[:CHANGED_CONSENT]->(c:ConsentChange)
WHERE $after IS NULL OR c.id > $after
RETURN c.id AS key, c { .id, .purpose, .isGranted, .changedAt, .policyVersion, .source } AS item
ORDER BY key
LIMIT $limit
