// A clause fragment, not map entries: adds the notification {{x}} just stored for {{recipient}} by
// {{actor}} to its group, in the same statement and transaction (groups are kept on write, never
// computed by scanning at read time), and yields `groupId`: the group's id when the group
// changed (to push it live), else null. The includer binds `grouping` (src/notifications/grouping.ts
// groupingOf for this notification), `now` (its time) and `keptActors` (LATEST_ACTORS_KEPT) as
// variables, so that a statement storing several notifications (an UNWIND) groups each with its own.
// The group is MERGEd on its unique key (recipient, kind, subject, window; groupKey): writers that
// start one group at once meet on the constraint's index lock, the second then finds the first's
// node. The group is then write-locked, so its count is exact under concurrent writers: an actor
// is counted once per group (GROUP_ACTOR), and acting again changes the group only for kinds whose
// repeat is news (grouping.refresh: a second comment), never its count.
CALL ({{recipient}}, {{actor}}, {{x}}, {{grouping}}, {{now}}, {{keptActors}}) {
  MERGE (grp:NotificationGroup {key: {{recipient}}.id + {{grouping}}.keyTail + CASE WHEN {{grouping}}.perNotification THEN ':' + {{x}}.id ELSE '' END})
    ON CREATE SET grp.id = randomUUID(), grp.kind = {{grouping}}.kind, grp.recipientId = {{recipient}}.id,
      grp.noteId = {{grouping}}.noteId, grp.commentId = {{grouping}}.commentId, grp.actionId = {{grouping}}.actionId,
      grp.subjectUserId = CASE WHEN {{grouping}}.subjectIsRecipient THEN {{recipient}}.id END,
      grp.windowStart = {{grouping}}.windowStart, grp.windowEnd = {{grouping}}.windowEnd, grp.createdAt = {{now}}, grp.latestAt = {{now}},
      grp.actorCount = 0, grp.latestActorIds = [], grp.readAt = null
  SET grp._lock = true REMOVE grp._lock
  MERGE ({{recipient}})-[:HAS_NOTIFICATION_GROUP]->(grp)
  CREATE (grp)-[:GROUPS]->({{x}})
  WITH grp, {{actor}}, {{grouping}}, {{now}}, {{keptActors}}
  OPTIONAL MATCH (grp)-[counted:GROUP_ACTOR]->({{actor}})
  WITH grp, {{actor}}, {{now}}, {{keptActors}}, counted, counted IS NULL OR {{grouping}}.refresh AS changed
  CALL (grp, {{actor}}, counted, {{now}}) {
    WITH * WHERE counted IS NULL
    CREATE (grp)-[:GROUP_ACTOR {at: {{now}}}]->({{actor}})
    SET grp.actorCount = grp.actorCount + 1
  }
  CALL (grp, {{actor}}, counted, changed, {{now}}, {{keptActors}}) {
    WITH * WHERE changed
    SET grp.latestAt = {{now}}, grp.readAt = null,
        grp.latestActorIds = ([{{actor}}.id] + [other IN grp.latestActorIds WHERE other <> {{actor}}.id])[0..{{keptActors}}]
    FOREACH (r IN CASE WHEN counted IS NULL THEN [] ELSE [counted] END | SET r.at = {{now}})
  }
  RETURN CASE WHEN changed THEN grp.id END AS groupId
}
