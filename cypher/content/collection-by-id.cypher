// One of a user's collections, as collections-of-user returns it (a retried createCollection returns its first result).
MATCH (u:User {id: $userId})-[:OWNS]->(c:Collection {id: $collectionId})
RETURN c { .id, .name, .isDefault, .createdAt, ownerId: u.id,
             noteCount: COUNT { (c)-[:CONTAINS]->(m:Note) WHERE m.deletedAt IS NULL } } AS collection
