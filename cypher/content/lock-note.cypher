// Write-locks a note before its counts change.
MATCH (n:Note {id: $noteId})
SET n._lock = true REMOVE n._lock
RETURN n.id AS id
