// The viewer leaves a conversation (or deletes a request, $onlyRequest). A group member's
// membership is removed. A 1:1 keeps its one node per pair, so the member is marked DELETED and
// sees only what comes after: a later message from the other brings it back as a request (or to
// the inbox if the settings now allow), and starting it again brings it back to the inbox.
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c:Conversation {id: $conversationId})
WHERE mine.folder <> 'DELETED' AND (NOT $onlyRequest OR mine.folder = 'REQUESTS')
SET c._lock = true REMOVE c._lock
WITH c, mine, c.kind AS kind
FOREACH (_ IN CASE WHEN kind = 'DIRECT' THEN [1] ELSE [] END |
  SET mine.folder = 'DELETED', mine.visibleFromSeq = c.lastSeq + 1, mine.lastReadSeq = c.lastSeq)
FOREACH (_ IN CASE WHEN kind = 'GROUP' THEN [1] ELSE [] END | DELETE mine)
RETURN c.id AS id
