// The one 1:1 conversation of two users, created on first use. MERGE on the unique pair key is
// race-safe: of two concurrent starts one creates, the other waits for its commit and finds it.
// A member already there keeps their state, except that the starter who had deleted it finds it
// in their inbox again. $members: [{userId, folder}] for both users.
MERGE (c:Conversation {pairKey: $pairKey})
ON CREATE SET c.id = $conversationId, c.kind = 'DIRECT', c.createdAt = $now, c.activityAt = $now, c.lastSeq = 0, c.createdById = $viewerId
WITH c, c.id = $conversationId AS created
SET c._lock = true REMOVE c._lock
WITH c, created
CALL (c) {
  UNWIND $members AS member
  MATCH (u:User {id: member.userId})
  MERGE (u)-[m:IN_CONVERSATION]->(c)
  ON CREATE SET m.folder = member.folder, m.lastReadSeq = 0, m.visibleFromSeq = 1, m.joinedAt = $now
  WITH m, member WHERE member.userId = $viewerId AND m.folder = 'DELETED'
  SET m.folder = 'INBOX'
}
RETURN c.id AS id, created
