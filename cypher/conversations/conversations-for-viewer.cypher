// Conversations by id with the viewer's own state in each; none for a conversation the viewer is
// not (or no longer) a member of.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation)
WHERE c.id IN $ids AND mine.folder <> 'DELETED'
RETURN c {.id, .kind, .createdAt, .activityAt, .lastMessageAt, .lastSeq,
  folder: mine.folder, lastReadSeq: mine.lastReadSeq, visibleFromSeq: mine.visibleFromSeq} AS conversation
