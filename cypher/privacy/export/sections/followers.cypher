// Who follows the user: each as id and handle, nothing more of them.
MATCH (v:User)-[f:FOLLOWS]->(:User {id: $userId})
WHERE $after IS NULL OR v.id > $after
RETURN v.id AS key, { userId: v.id, handle: v.handle, followedAt: f.since } AS item
ORDER BY key
LIMIT $limit
