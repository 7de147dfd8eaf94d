// The viewer's notifications strictly before the cursor (createdAt, id) in the list's newest-first
// order, that is newer than it, nearest the cursor first (the caller reverses them); with
// $inclusive, from the cursor's own row on (to learn whether anything precedes a forward page).
MATCH (u:User {id: $userId})-[:HAS_NOTIFICATION]->(x:Notification)
WHERE ($unreadOnly = false OR x.readAt IS NULL)
  AND NOT ({{> fragments/notification-muted}})
  AND ($beforeKey IS NULL OR x.createdAt > $beforeKey OR (x.createdAt = $beforeKey AND (x.id > $beforeId OR ($inclusive AND x.id = $beforeId))))
RETURN x { .id, .type, .createdAt, .readAt, .actorId, .noteId, .commentId, .actionId, .detail } AS notification
ORDER BY x.createdAt, x.id
LIMIT $limit
