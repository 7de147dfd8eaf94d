// Records that a session was used; the WHERE keeps it to one write per session per $everyMs.
MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session {id: $sessionId})
WHERE s.lastUsedAt < $now - $everyMs
SET s.lastUsedAt = $now
