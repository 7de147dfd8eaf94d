// The same rule as messages-older, the other way: messages newer than seq $afterSeq, oldest first
// (the service turns them back to newest first), for last/before.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder <> 'DELETED'
MATCH (m:Message {conversationId: c.id})
WHERE m.seq > $afterSeq AND m.seq >= mine.visibleFromSeq
  AND (m.status <> 'HELD' OR m.senderId = me.id)
  AND NOT EXISTS { (me)-[:BLOCKS]-(:User {id: m.senderId}) }
WITH m ORDER BY m.seq ASC LIMIT $limit
RETURN m {.*} AS message
