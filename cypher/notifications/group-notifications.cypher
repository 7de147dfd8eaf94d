// Adds stored notifications to their groups (src/notifications/grouping.ts names each one's
// group), in the transaction that stored them: groups are kept on write, never computed by
// scanning at read time. A group is MERGEd on its unique key (recipient, kind, subject, window):
// writers that start a group at once meet on the constraint's index lock, the second then finds
// the first's node. The group is then write-locked, so its actor count is exact under concurrent
// writers: an actor is counted once per group (GROUP_ACTOR), and acting again changes the group
// only for kinds whose repeat is news ($refresh: a second comment), never its count.
// Returns, per notification, the group's id when the group changed (to push it live), else null.
UNWIND $placements AS p
MATCH (recipient:User {id: p.recipientId})-[:HAS_NOTIFICATION]->(x:Notification {id: p.notificationId})
MATCH (actor:User {id: $actorId})
MERGE (g:NotificationGroup {key: p.key})
  ON CREATE SET g.id = randomUUID(), g.kind = p.kind, g.recipientId = p.recipientId,
    g.noteId = p.noteId, g.commentId = p.commentId, g.actionId = p.actionId, g.subjectUserId = p.subjectUserId,
    g.windowStart = p.windowStart, g.windowEnd = p.windowEnd, g.createdAt = $now, g.latestAt = $now,
    g.actorCount = 0, g.latestActorIds = [], g.readAt = null
SET g._lock = true REMOVE g._lock
MERGE (recipient)-[:HAS_NOTIFICATION_GROUP]->(g)
CREATE (g)-[:GROUPS]->(x)
WITH p, g, actor
OPTIONAL MATCH (g)-[counted:GROUP_ACTOR]->(actor)
WITH p, g, actor, counted, counted IS NULL OR p.refresh AS changed
CALL (g, actor, counted) {
  WITH * WHERE counted IS NULL
  CREATE (g)-[:GROUP_ACTOR {at: $now}]->(actor)
  SET g.actorCount = g.actorCount + 1
}
CALL (g, actor, counted, changed) {
  WITH * WHERE changed
  SET g.latestAt = $now, g.readAt = null,
      g.latestActorIds = ([actor.id] + [other IN g.latestActorIds WHERE other <> actor.id])[0..$kept]
  FOREACH (r IN CASE WHEN counted IS NULL THEN [] ELSE [counted] END | SET r.at = $now)
}
RETURN p.notificationId AS notificationId, CASE WHEN changed THEN g.id END AS groupId
