// How many notification groups the viewer has (with $unreadOnly, unread ones), and how many have
// had activity since the viewer last marked their notifications seen (the badge).
MATCH (u:User {id: $userId})
RETURN COUNT { (u)-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup) WHERE $unreadOnly = false OR g.readAt IS NULL } AS total,
       COUNT { (u)-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup) WHERE g.latestAt > coalesce(u.notificationsSeenAt, -1) } AS unseen
