// The user's exports, newest first, after the cursor (createdAt, id).
MATCH (:User {id: $userId})-[:REQUESTED_EXPORT]->(e:DataExport)
WHERE $afterKey IS NULL OR e.createdAt < $afterKey OR (e.createdAt = $afterKey AND e.id < $afterId)
RETURN e {.*} AS dataExport
ORDER BY e.createdAt DESC, e.id DESC
LIMIT $limit
