// The share links the user made.
MATCH (:User {id: $userId})-[:SHARED]->(l:ShareLink)
WHERE $after IS NULL OR l.code > $after
RETURN l.code AS key, l { .code, .channel, .targetType, .targetId, .campaign, .createdAt, .depth, .rootCode } AS item
ORDER BY key
LIMIT $limit
