// Revokes the user's live sessions: one ($sessionId), or all ($sessionId null). The user is locked
// first, so a revocation and a login of the same account do not interleave.
MATCH (u:User {id: $userId})
SET u.sessionsChangedAt = $now
WITH u
OPTIONAL MATCH (u)-[:HAS_SESSION]->(s:Session)
WHERE s.revokedAt IS NULL AND s.expiresAt > $now AND ($sessionId IS NULL OR s.id = $sessionId)
SET s.revokedAt = $now
RETURN collect(s.id) AS revoked
