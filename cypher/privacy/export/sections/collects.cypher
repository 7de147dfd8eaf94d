// The notes the user collected, and when.
MATCH (:User {id: $userId})-[r:COLLECTED]->(n:Note)
WHERE $after IS NULL OR n.id > $after
RETURN n.id AS key, { noteId: n.id, collectedAt: r.at } AS item
ORDER BY key
LIMIT $limit
