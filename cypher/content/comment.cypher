// Adds a comment (or a reply to a live comment on the same note). Returns no row when the
// replied-to comment is missing, deleted or on another note. The caller holds the note's lock.
MATCH (u:User {id: $userId}), (n:Note {id: $noteId})
OPTIONAL MATCH (parent:Comment {id: $replyTo})-[:ON]->(n)
WITH u, n, parent
WHERE $replyTo IS NULL OR (parent IS NOT NULL AND parent.deletedAt IS NULL)
CREATE (u)-[:WROTE]->(c:Comment {id: $id, text: $text, createdAt: $now, deletedAt: null, clientKey: $clientKey, replyCount: 0, modState: $modState})-[:ON]->(n)
SET n.commentCount = n.commentCount + 1
WITH c, n, parent
CALL (c, parent) {
  WITH * WHERE parent IS NOT NULL
  CREATE (c)-[:REPLY_TO]->(parent)
  SET parent.replyCount = parent.replyCount + 1
}
RETURN c.id AS id, n.commentCount AS commentCount,
       head([(parent)<-[:WROTE]-(pa:User) | pa.id]) AS parentAuthorId
