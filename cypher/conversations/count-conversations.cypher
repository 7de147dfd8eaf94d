// How many conversations the viewer has in one folder (the rule of conversations-page).
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION {folder: $folder}]->(c:Conversation)
WHERE $folder <> 'REQUESTS' OR c.lastMessageAt IS NOT NULL
RETURN count(c) AS total
