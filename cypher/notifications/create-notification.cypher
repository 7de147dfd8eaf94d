// Stores a notification for the recipient, in the transaction of the action that caused it.
// Nobody is notified of their own actions or by someone in a block with them.
MATCH (recipient:User {id: $recipientId}), (actor:User {id: $actorId})
WHERE recipient <> actor AND NOT EXISTS { (recipient)-[:BLOCKS]-(actor) }
CREATE (recipient)-[:HAS_NOTIFICATION]->(x:Notification {
  id: randomUUID(), type: $type, createdAt: $now, readAt: null,
  actorId: $actorId, noteId: $noteId, commentId: $commentId, actionId: $actionId, detail: $detail
})
RETURN x.id AS id, recipient.id AS recipientId
