// Stores a notification for the recipient, in the transaction of the action that caused it.
// Nobody is notified of their own actions or by someone in a block with them, nor by someone they
// mute (a MUTES relationship without an end, or ending later; issue 20 §2), except a moderation
// action, which the user may need to appeal whoever took it.
MATCH (recipient:User {id: $recipientId}), (actor:User {id: $actorId})
WHERE recipient <> actor AND NOT EXISTS { (recipient)-[:BLOCKS]-(actor) }
  AND ($type = 'MODERATION_ACTION' OR NOT EXISTS { (recipient)-[m:MUTES]->(actor) WHERE m.until IS NULL OR CASE WHEN m.until IS :: ZONED DATETIME THEN m.until > datetime({epochMillis: $now}) ELSE m.until > $now END })
CREATE (recipient)-[:HAS_NOTIFICATION]->(x:Notification {
  id: randomUUID(), type: $type, createdAt: $now, readAt: null,
  actorId: $actorId, noteId: $noteId, commentId: $commentId, actionId: $actionId, detail: $detail
})
WITH recipient, actor, x, $grouping AS grouping, $now AS now, $keptActors AS keptActors
{{> fragments/notification-grouping}}
RETURN x.id AS id, recipient.id AS recipientId, groupId
