// The viewer's unread messages over their whole inbox (requests are counted apart: not yet accepted),
// leaving out the conversations the viewer mutes now (muteConversation: no badge).
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION {folder: 'INBOX'}]->(c:Conversation)
WHERE c.lastSeq > mine.lastReadSeq
  AND NOT EXISTS { (me)-[mute:MUTES_CONVERSATION]->(c) WHERE mute.until IS NULL OR mute.until > datetime() }
CALL (me, mine, c) {
  MATCH (m:Message {conversationId: c.id})
  WHERE m.seq > mine.lastReadSeq AND m.seq >= mine.visibleFromSeq AND m.status = 'DELIVERED' AND m.senderId <> me.id
    AND NOT EXISTS { (me)-[:BLOCKS]-(:User {id: m.senderId}) }
  RETURN count(m) AS unread
}
RETURN sum(unread) AS total
