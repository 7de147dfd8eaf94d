// Records that sessions were used, a batch at a time (src/accounts/session-touches.ts): each row is
// one session and when it was last used. The WHERE keeps a write to a session that moves its time
// forward by at least $everyMs, so a late batch never moves lastUsedAt back.
UNWIND $touches AS t
MATCH (:User {id: t.userId})-[:HAS_SESSION]->(s:Session {id: t.sessionId})
WHERE s.lastUsedAt < t.at - $everyMs
SET s.lastUsedAt = t.at
