// Marks the viewer's notifications read: all of them, or ($upTo) that one and every older one.
// Returns no row when $upTo is not one of the viewer's notifications.
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[:HAS_NOTIFICATION]->(bound:Notification {id: $upTo})
WITH u, bound
WHERE $upTo IS NULL OR bound IS NOT NULL
CALL (u, bound) {
  MATCH (u)-[:HAS_NOTIFICATION]->(x:Notification)
  WHERE x.readAt IS NULL
    AND (bound IS NULL OR x.createdAt < bound.createdAt OR (x.createdAt = bound.createdAt AND x.id <= bound.id))
  SET x.readAt = $now
  RETURN count(x) AS marked
}
RETURN marked, COUNT { (u)-[:HAS_NOTIFICATION]->(y:Notification) WHERE y.readAt IS NULL AND NOT ({{> fragments/notification-muted x=y}}) } AS unread
