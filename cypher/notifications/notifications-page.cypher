// The viewer's notifications, newest first, strictly after the cursor (createdAt, id); with
// $inclusive, from the cursor's own row on (to learn whether anything follows a backward page).
MATCH (u:User {id: $userId})-[:HAS_NOTIFICATION]->(x:Notification)
WHERE ($unreadOnly = false OR x.readAt IS NULL)
  AND NOT ({{> fragments/notification-muted}})
  AND ($afterKey IS NULL OR x.createdAt < $afterKey OR (x.createdAt = $afterKey AND (x.id < $afterId OR ($inclusive AND x.id = $afterId))))
RETURN x { .id, .type, .createdAt, .readAt, .actorId, .noteId, .commentId, .actionId, .detail } AS notification
ORDER BY x.createdAt DESC, x.id DESC
LIMIT $limit
