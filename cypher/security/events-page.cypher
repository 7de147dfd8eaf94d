// The user's security events, newest first, after the cursor (at, id).
MATCH (:User {id: $userId})-[:HAD_SECURITY_EVENT]->(e:SecurityEvent)
WHERE $afterKey IS NULL OR e.at < $afterKey OR (e.at = $afterKey AND e.id < $afterId)
RETURN e { .id, .kind, .at, .ipPrefix, .deviceLabel, .detail } AS event
ORDER BY e.at DESC, e.id DESC
LIMIT $limit
