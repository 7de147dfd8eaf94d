// Write-locks the owner (group names are unique per owner) and says whether the name is taken
// by another live group of theirs.
MATCH (owner:User {id: $ownerId})
SET owner._lock = true REMOVE owner._lock
RETURN EXISTS {
  MATCH (owner)-[:MEMBER_OF {role: 'OWNER'}]->(g:Group {nameLower: $nameLower})
  WHERE g.archivedAt IS NULL AND g.id <> $exceptId
} AS taken
