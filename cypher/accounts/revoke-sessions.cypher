// Revokes the user's live sessions: one ($sessionId), or all ($sessionId null). Setting revokedAt
// is idempotent, so a revocation racing another needs no lock; nothing is written when there is
// no such live session.
MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session)
WHERE s.revokedAt IS NULL AND s.expiresAt > $now AND ($sessionId IS NULL OR s.id = $sessionId)
SET s.revokedAt = $now
RETURN collect(s.id) AS revoked, collect(s.deviceLabel) AS deviceLabels
