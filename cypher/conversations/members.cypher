// The members of conversations with their read positions (read receipts), oldest member first.
MATCH (u:User)-[m:IN_CONVERSATION]->(c:Conversation)
WHERE c.id IN $ids AND m.folder <> 'DELETED'
WITH c, u, m ORDER BY m.joinedAt, u.id
RETURN c.id AS conversationId, collect({userId: u.id, lastReadSeq: m.lastReadSeq, lastReadMessageId: m.lastReadMessageId, lastReadAt: m.lastReadAt}) AS members
