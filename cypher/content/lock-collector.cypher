// Write-locks the collector and the note (always in that order) before collections change.
MATCH (u:User {id: $userId}), (n:Note {id: $noteId})
SET u._lock = true, n._lock = true
REMOVE u._lock, n._lock
RETURN u.id AS id
