MATCH (g:Group {id: $id}) WHERE g.archivedAt IS NULL
SET g.name = coalesce($name, g.name), g.nameLower = toLower(coalesce($name, g.name)),
    g.description = coalesce($description, g.description),
    g.visibility = coalesce($visibility, g.visibility),
    g.rules = coalesce($rules, g.rules),
    g.premoderation = coalesce($premoderation, g.premoderation),
    g.updatedAt = $now
WITH g
CALL (g) {
  WITH g WHERE $topics IS NOT NULL
  OPTIONAL MATCH (g)-[old:TAGGED_WITH]->(:Topic)
  DELETE old
  WITH DISTINCT g
  UNWIND $topics AS name
  MERGE (t:Topic {name: name})
  ON CREATE SET t.createdAt = $now
  MERGE (g)-[:TAGGED_WITH]->(t)
}
RETURN g.id AS id
