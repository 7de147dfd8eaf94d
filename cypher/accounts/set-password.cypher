// Replaces the hash and bumps passwordVersion, which revokes every token issued before. The other
// sessions are revoked too (they no longer list in `sessions`); the session that changed the
// password ($keepSessionId) lives on with the new token's expiry.
MATCH (u:User {id: $id})
SET u.passwordHash = $passwordHash, u.passwordVersion = u.passwordVersion + 1, u.updatedAt = $now, u.sessionsChangedAt = $now
WITH u
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_SESSION]->(s:Session)
  WHERE s.id <> $keepSessionId AND s.revokedAt IS NULL
  SET s.revokedAt = $now
  RETURN collect(s.id) AS revoked
}
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_SESSION]->(kept:Session {id: $keepSessionId})
  SET kept.expiresAt = $expiresAt, kept.lastUsedAt = $now
}
RETURN u.passwordVersion AS passwordVersion, revoked
