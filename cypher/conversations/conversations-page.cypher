// The viewer's conversations in one folder, latest activity first. A request shows only once a
// message was delivered in it: an empty conversation someone started is nobody's request yet.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION {folder: $folder}]->(c:Conversation)
WHERE ($folder <> 'REQUESTS' OR c.lastMessageAt IS NOT NULL)
  AND ($afterKey IS NULL OR c.activityAt < $afterKey OR (c.activityAt = $afterKey AND c.id < $afterId))
WITH mine, c ORDER BY c.activityAt DESC, c.id DESC LIMIT $limit
RETURN c {.id, .kind, .createdAt, .activityAt, .lastMessageAt, .lastSeq,
  folder: mine.folder, lastReadSeq: mine.lastReadSeq, visibleFromSeq: mine.visibleFromSeq} AS conversation
