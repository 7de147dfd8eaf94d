// The user's security events.
MATCH (:User {id: $userId})-[:HAD_SECURITY_EVENT]->(e:SecurityEvent)
WHERE $after IS NULL OR e.id > $after
RETURN e.id AS key, e { .id, .kind, .at, .ipPrefix, .deviceLabel, .detail } AS item
ORDER BY key
LIMIT $limit
