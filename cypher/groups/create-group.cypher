// Creates a group with its owner as first member (who accepts the rules by creating them).
MATCH (owner:User {id: $ownerId})
CREATE (g:Group {
  id: $id, name: $name, nameLower: toLower($name), description: $description, visibility: $visibility,
  rules: $rules, premoderation: $premoderation, createdAt: $now, updatedAt: $now, archivedAt: null, memberCount: 1
})
CREATE (owner)-[:MEMBER_OF {role: 'OWNER', joinedAt: $now, acceptedRulesAt: $now, mutedUntil: null}]->(g)
CREATE (owner)-[:JOINED {at: $now}]->(g)
WITH g
CALL (g) {
  UNWIND $topics AS name
  MERGE (t:Topic {name: name})
  ON CREATE SET t.createdAt = $now
  MERGE (g)-[:TAGGED_WITH]->(t)
}
RETURN g.id AS id
