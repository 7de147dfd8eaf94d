// Resolves a token to its user and session in one round trip, on every request that carries one.
MATCH (u:User {id: $id})
OPTIONAL MATCH (u)-[:HAS_SESSION]->(s:Session {id: $sessionId})
RETURN u { {{> fragments/user-record}} } AS user,
       s { .revokedAt, .expiresAt, .lastUsedAt } AS session
