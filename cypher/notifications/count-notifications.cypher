// Counts what notifications-page lists: what the viewer muted is not counted (the badge included).
MATCH (u:User {id: $userId})-[:HAS_NOTIFICATION]->(x:Notification)
WHERE ($unreadOnly = false OR x.readAt IS NULL)
  AND NOT ({{> fragments/notification-muted}})
RETURN count(x) AS total
