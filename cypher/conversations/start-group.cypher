// A new group conversation (never shared with another start) and its members' states.
// $members: [{userId, folder}], the starter included.
CREATE (c:Conversation {id: $conversationId, kind: 'GROUP', createdAt: $now, activityAt: $now, lastSeq: 0, createdById: $viewerId})
WITH c
CALL (c) {
  UNWIND $members AS member
  MATCH (u:User {id: member.userId})
  CREATE (u)-[:IN_CONVERSATION {folder: member.folder, lastReadSeq: 0, visibleFromSeq: 1, joinedAt: $now}]->(c)
}
RETURN c.id AS id, true AS created
