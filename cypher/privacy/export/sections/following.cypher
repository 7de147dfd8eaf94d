// Whom the user follows: each as id and handle, the relation being the user's own.
MATCH (:User {id: $userId})-[f:FOLLOWS]->(v:User)
WHERE $after IS NULL OR v.id > $after
RETURN v.id AS key, { userId: v.id, handle: v.handle, followedAt: f.since } AS item
ORDER BY key
LIMIT $limit
