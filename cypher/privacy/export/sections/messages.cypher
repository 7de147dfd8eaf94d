// The messages of the user's conversations that the user can read there (from when they joined,
// others' held messages and messages of users they block left out, as the conversation shows them),
// in order. Received messages are the user's conversation; nothing else of the senders is written.
MATCH (me:User {id: $userId})-[mine:IN_CONVERSATION]->(c:Conversation)
MATCH (m:Message {conversationId: c.id})
WHERE m.seq >= coalesce(mine.visibleFromSeq, 1)
  AND (m.status <> 'HELD' OR m.senderId = me.id)
  AND NOT EXISTS { (me)-[:BLOCKS]-(:User {id: m.senderId}) }
WITH c.id + ':' + right('000000000000' + toString(m.seq), 12) AS key, m, me
WHERE $after IS NULL OR key > $after
RETURN key, m { .id, .conversationId, .seq, .senderId, .text, .attachmentKinds, .attachmentIds, .status, .createdAt, .deletedAt, isFromMe: m.senderId = me.id } AS item
ORDER BY key
LIMIT $limit
