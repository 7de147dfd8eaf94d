// The user's live sessions, newest first, after the cursor (createdAt, id).
MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session)
WHERE s.revokedAt IS NULL AND s.expiresAt > $now
  AND ($afterKey IS NULL OR s.createdAt < $afterKey OR (s.createdAt = $afterKey AND s.id < $afterId))
RETURN s { .id, .deviceLabel, .createdAt, .lastUsedAt, .expiresAt } AS session
ORDER BY s.createdAt DESC, s.id DESC
LIMIT $limit
