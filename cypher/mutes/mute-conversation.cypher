// Mutes a conversation for a member until $until (epoch ms; null: until lifted): its new messages
// still arrive, but push no conversationUpdated event and leave unreadMessageCount alone.
// No row when $viewerId is not a member.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder <> 'DELETED'
MERGE (me)-[m:MUTES_CONVERSATION]->(c)
SET m.createdAt = datetime({epochMillis: $now}),
    m.until = CASE WHEN $until IS NULL THEN null ELSE datetime({epochMillis: $until}) END
RETURN c.id AS id
