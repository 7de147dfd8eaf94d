// The user's comments, with the note (and the comment) they answer.
MATCH (:User {id: $userId})-[:WROTE]->(c:Comment)-[:ON]->(n:Note)
WHERE $after IS NULL OR c.id > $after
RETURN c.id AS key, c { .id, .text, .createdAt, .deletedAt, .modState, noteId: n.id, replyToCommentId: head([(c)-[:REPLY_TO]->(p:Comment) | p.id]) } AS item
ORDER BY key
LIMIT $limit
