// Clears the viewer's badge: every group updated up to now counts as seen. Read state is not
// touched (a group stays unread until markNotificationGroupRead). The time only moves forward, so
// a late retry cannot bring back a badge.
MATCH (u:User {id: $userId})
SET u.notificationsSeenAt = CASE WHEN coalesce(u.notificationsSeenAt, -1) > $now THEN u.notificationsSeenAt ELSE $now END
RETURN u.notificationsSeenAt AS seenAt,
       COUNT { (u)-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup) WHERE g.latestAt > u.notificationsSeenAt } AS unseen
