// Schedules the user's account for deletion at $dueAt and ends every live session, in one
// transaction: the user is locked first, so a sign-in opening a session meanwhile (open-session
// locks the user too) either comes before, and is revoked here, or after, and sees the schedule.
// Asking again keeps the first schedule. No row when the user is missing or already erased.
MATCH (u:User {id: $userId})
WHERE u.deletedAt IS NULL
SET u.sessionsChangedAt = $now,
    u.deletionRequestedAt = coalesce(u.deletionRequestedAt, $now),
    u.deletionDueAt = coalesce(u.deletionDueAt, $dueAt)
WITH u
CALL (u) {
  OPTIONAL MATCH (u)-[:HAS_SESSION]->(s:Session)
  WHERE s.revokedAt IS NULL AND s.expiresAt > $now
  SET s.revokedAt = $now
  RETURN collect(s.id) AS revoked
}
RETURN u.deletionRequestedAt AS requestedAt, u.deletionDueAt AS dueAt, revoked
