// Deletes a message for everyone: its text and attachments go, a tombstone (id, place, sender,
// times) stays so the order and the read positions around it hold. Only its sender, while still a
// member. Deleting a deleted message succeeds.
MATCH (m:Message {id: $messageId})
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: m.conversationId})
WHERE m.senderId = me.id AND mine.folder <> 'DELETED'
SET m.text = null, m.attachmentKinds = [], m.attachmentIds = [], m.attachmentCodes = [], m.status = 'DELETED', m.deletedAt = coalesce(m.deletedAt, $now)
RETURN m.id AS id, c.id AS conversationId
