// Lifts a member's mute of a conversation. No row when $viewerId is not a member.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder <> 'DELETED'
OPTIONAL MATCH (me)-[m:MUTES_CONVERSATION]->(c)
DELETE m
RETURN c.id AS id
