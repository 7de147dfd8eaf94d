// The user's own live sessions among the ids (node(id)): another user's, a revoked and an expired one are not among them.
UNWIND $ids AS id
MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session {id: id})
WHERE s.revokedAt IS NULL AND s.expiresAt > $now
RETURN s { .id, .deviceLabel, .createdAt, .lastUsedAt, .expiresAt } AS session
