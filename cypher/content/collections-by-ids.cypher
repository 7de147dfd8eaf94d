// The user's own collections among the ids (node(id)), as collections reads them: another user's is not among them.
UNWIND $ids AS id
MATCH (u:User {id: $userId})-[:OWNS]->(c:Collection {id: id})
RETURN c { .id, .name, .isDefault, .createdAt, ownerId: u.id,
             noteCount: COUNT { (c)-[:CONTAINS]->(m:Note) WHERE m.deletedAt IS NULL } } AS collection
