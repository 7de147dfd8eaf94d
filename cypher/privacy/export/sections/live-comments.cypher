// What the user wrote in live rooms.
MATCH (:User {id: $userId})-[:WROTE_LIVE]->(c:LiveComment)
WHERE $after IS NULL OR c.id > $after
RETURN c.id AS key, c { .id, .roomId, .body, .createdAt } AS item
ORDER BY key
LIMIT $limit
