// The user's default collection, created on first use (the caller holds the user's lock).
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[:OWNS]->(existing:Collection {isDefault: true})
CALL (u, existing) {
  WITH * WHERE existing IS NULL
  CREATE (u)-[:OWNS]->(:Collection {id: $newId, name: $name, isDefault: true, createdAt: $now})
}
RETURN coalesce(existing.id, $newId) AS id
