// Marks one of the viewer's notification groups read ($groupId), or all of them. Returns no row
// when $groupId is not one of the viewer's groups. A group marked read turns unread again when it
// changes (fragments/notification-grouping.cypher clears readAt).
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[:HAS_NOTIFICATION_GROUP]->(one:NotificationGroup {id: $groupId})
WITH u, one
WHERE $groupId IS NULL OR one IS NOT NULL
CALL (u, one) {
  MATCH (u)-[:HAS_NOTIFICATION_GROUP]->(g:NotificationGroup)
  WHERE g.readAt IS NULL AND (one IS NULL OR g = one)
  SET g.readAt = $now
  RETURN count(g) AS marked
}
RETURN marked,
       one { {{> fragments/notification-group-record}} } AS group,
       COUNT { (u)-[:HAS_NOTIFICATION_GROUP]->(y:NotificationGroup) WHERE y.readAt IS NULL } AS unread
