// A page of a conversation's messages the viewer may see, newest first, older than seq $beforeSeq:
// from the viewer's visible start (a 1:1 they deleted and got back shows what came after), never a
// held message of someone else, never one by a user in a block with the viewer. Index-ordered.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder <> 'DELETED'
MATCH (m:Message {conversationId: c.id})
WHERE m.seq < $beforeSeq AND m.seq >= mine.visibleFromSeq
  AND (m.status <> 'HELD' OR m.senderId = me.id)
  AND NOT EXISTS { (me)-[:BLOCKS]-(:User {id: m.senderId}) }
WITH m ORDER BY m.seq DESC LIMIT $limit
RETURN m {.*} AS message
