// Notifies each existing user mentioned by handle, except the actor and anyone in a block with
// them; a FOLLOWERS-only note notifies only mentioned followers, who can see it.
MATCH (actor:User {id: $actorId})
UNWIND $handles AS handle
MATCH (recipient:User {handleLower: toLower(handle)})
WHERE recipient <> actor AND NOT EXISTS { (recipient)-[:BLOCKS]-(actor) }
  AND ($followersOnly = false OR EXISTS { (recipient)-[:FOLLOWS]->(actor) })
CREATE (recipient)-[:HAS_NOTIFICATION]->(x:Notification {
  id: randomUUID(), type: 'MENTION', createdAt: $now, readAt: null,
  actorId: $actorId, noteId: $noteId, commentId: $commentId
})
RETURN x.id AS id, recipient.id AS recipientId
