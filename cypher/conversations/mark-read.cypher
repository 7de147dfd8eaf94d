// Moves the viewer's read position up to a message of the conversation (never back). No row when
// the message is not one the viewer's membership covers.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder <> 'DELETED'
MATCH (m:Message {id: $messageId})
WHERE m.conversationId = c.id AND m.seq >= mine.visibleFromSeq
WITH mine, m, m.seq > mine.lastReadSeq AS moved
FOREACH (_ IN CASE WHEN moved THEN [1] ELSE [] END |
  SET mine.lastReadSeq = m.seq, mine.lastReadMessageId = m.id, mine.lastReadAt = $now)
RETURN moved
