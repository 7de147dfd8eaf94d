// Appends a message to a conversation locked by lock-for-send: the next seq, the newest-first chain
// (LAST_MESSAGE moves to it, PREVIOUS points at the one before), the sender's read position (their
// own message is read), and the folder changes the send decided ($folders: [{userId, folder}]).
// A held message takes its place in the order but moves no activity time: nobody else sees it yet.
// $attachmentCodes: per card, the sender's share code a product card carries ('' for other cards).
MATCH (c:Conversation {id: $conversationId})
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c)
OPTIONAL MATCH (c)-[last:LAST_MESSAGE]->(prev:Message)
CREATE (m:Message {id: $messageId, conversationId: c.id, seq: c.lastSeq + 1, senderId: me.id, text: $text,
  attachmentKinds: $attachmentKinds, attachmentIds: $attachmentIds, attachmentCodes: $attachmentCodes, status: $status, createdAt: $now})
CREATE (me)-[:SENT]->(m)
CREATE (c)-[:LAST_MESSAGE]->(m)
DELETE last
FOREACH (p IN CASE WHEN prev IS NULL THEN [] ELSE [prev] END | CREATE (m)-[:PREVIOUS]->(p))
SET c.lastSeq = m.seq, mine.lastReadSeq = m.seq, mine.lastReadMessageId = m.id, mine.lastReadAt = $now
FOREACH (_ IN CASE WHEN $status = 'DELIVERED' THEN [1] ELSE [] END | SET c.activityAt = $now, c.lastMessageAt = $now)
WITH c, m
CALL (c) {
  UNWIND $folders AS change
  MATCH (:User {id: change.userId})-[member:IN_CONVERSATION]->(c)
  SET member.folder = change.folder
}
RETURN m {.*} AS message
