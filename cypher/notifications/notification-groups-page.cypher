// The viewer's notification groups, most recently updated first, strictly after the cursor
// (latestAt, id); with $unreadOnly, only those with activity since they were last read.
MATCH (:User {id: $userId})-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup)
WHERE ($unreadOnly = false OR g.readAt IS NULL)
  AND ($afterKey IS NULL OR g.latestAt < $afterKey OR (g.latestAt = $afterKey AND g.id < $afterId))
RETURN g { {{> fragments/notification-group-record}} } AS group
ORDER BY g.latestAt DESC, g.id DESC
LIMIT $limit
