// A user's collections, default first, then by creation time; counts leave deleted notes out.
MATCH (u:User {id: $userId})-[:OWNS]->(c:Collection)
RETURN c { .id, .name, .isDefault, .createdAt, ownerId: u.id,
             noteCount: COUNT { (c)-[:CONTAINS]->(m:Note) WHERE m.deletedAt IS NULL } } AS collection
ORDER BY c.isDefault DESC, c.createdAt, c.id
LIMIT 200
