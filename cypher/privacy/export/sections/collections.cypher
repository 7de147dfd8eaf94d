// The user's collections and the notes in each (ids, with when each was added).
MATCH (:User {id: $userId})-[:OWNS]->(c:Collection)
WHERE $after IS NULL OR c.id > $after
RETURN c.id AS key, c { .id, .name, .isDefault, .createdAt, notes: [(c)-[r:CONTAINS]->(n:Note) | { noteId: n.id, addedAt: r.at }] } AS item
ORDER BY key
LIMIT $limit
