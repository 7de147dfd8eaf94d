// Moves a conversation from the viewer's requests to their inbox; one already there stays. No row
// when the viewer is not a member.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder IN ['REQUESTS', 'INBOX']
WITH mine, mine.folder = 'REQUESTS' AS moved
SET mine.folder = 'INBOX'
RETURN moved
