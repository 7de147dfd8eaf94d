// Opens a session for a user who has just signed up or logged in. The user is locked first (SET),
// so concurrent logins of one account count their sessions one after another; dead sessions
// (revoked or expired) are deleted, and beyond $maxSessions live ones the least recently used
// are revoked.
MATCH (u:User {id: $userId})
SET u.sessionsChangedAt = $now
WITH u
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_SESSION]->(dead:Session)
  WHERE dead.revokedAt IS NOT NULL OR dead.expiresAt <= $now
  DETACH DELETE dead
}
CREATE (u)-[:HAS_SESSION]->(s:Session {
  id: $id, deviceLabel: $deviceLabel, createdAt: $now, lastUsedAt: $now, expiresAt: $expiresAt, revokedAt: null
})
WITH u, s
CALL (u, s) {
  OPTIONAL MATCH (u)-[:HAS_SESSION]->(old:Session)
  WHERE old <> s AND old.revokedAt IS NULL
  WITH old ORDER BY old.lastUsedAt DESC, old.createdAt DESC, old.id DESC
  SKIP $maxSessions - 1
  SET old.revokedAt = $now
  RETURN collect(old.id) AS evicted
}
RETURN s.id AS id, u.passwordVersion AS passwordVersion, evicted
