// Cancels the user's scheduled deletion while its grace period runs ($now before the due time).
// Returns whether one was cancelled; no row when the user is missing.
MATCH (u:User {id: $userId})
WHERE u.deletedAt IS NULL
WITH u, u.deletionDueAt IS NOT NULL AND u.deletionDueAt > $now AS pending
CALL (u, pending) {
  WITH u WHERE pending
  REMOVE u.deletionRequestedAt, u.deletionDueAt
}
RETURN pending AS cancelled
