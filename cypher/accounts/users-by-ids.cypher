// Batch lookup behind the user DataLoader: one round trip for any number of ids. When the batch
// holds the viewer ($viewerId), the token's session ($sessionId) comes with it, so resolving the
// viewer costs no round trip of its own.
UNWIND $ids AS id
MATCH (u:User {id: id})
OPTIONAL MATCH (u)-[:HAS_SESSION]->(s:Session {id: $sessionId})
WHERE u.id = $viewerId
RETURN u { {{> fragments/user-record}} } AS user,
       s { .revokedAt, .expiresAt, .lastUsedAt } AS session
