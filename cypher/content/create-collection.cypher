MATCH (u:User {id: $userId})
CREATE (u)-[:OWNS]->(c:Collection {id: $id, name: $name, isDefault: false, createdAt: $now})
RETURN c { .id, .name, .isDefault, .createdAt, noteCount: 0, ownerId: u.id } AS collection
