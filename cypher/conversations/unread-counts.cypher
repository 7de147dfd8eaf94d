// Unread messages per conversation for the viewer: delivered messages by others after the viewer's
// read position and visible start, not by a user in a block with the viewer. Each count is an
// index range of one conversation, as long as what is unread.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation)
WHERE c.id IN $ids AND mine.folder <> 'DELETED'
CALL (me, mine, c) {
  MATCH (m:Message {conversationId: c.id})
  WHERE m.seq > mine.lastReadSeq AND m.seq >= mine.visibleFromSeq AND m.status = 'DELIVERED' AND m.senderId <> me.id
    AND NOT EXISTS { (me)-[:BLOCKS]-(:User {id: m.senderId}) }
  RETURN count(m) AS unread
}
RETURN c.id AS id, unread
