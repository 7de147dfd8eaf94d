// A held comment a moderator has just approved, with what its notifications need: the note's
// author, the replied-to comment's author and the note's comment count. The note is
// write-locked, as for a new comment. No row when the comment is gone, deleted or still held.
MATCH (commenter:User)-[:WROTE]->(c:Comment {id: $commentId})-[:ON]->(n:Note)<-[:POSTED]-(noteAuthor:User)
WHERE c.deletedAt IS NULL AND c.modState IS NULL
SET n._lock = true REMOVE n._lock
RETURN c.id AS id, commenter.id AS commenterId, n.id AS noteId, noteAuthor.id AS noteAuthorId,
       n.commentCount AS commentCount,
       head([(c)-[:REPLY_TO]->(:Comment)<-[:WROTE]-(pa:User) | pa.id]) AS parentAuthorId
