// Batch lookup behind the comment DataLoader.
UNWIND $ids AS id
MATCH (author:User)-[:WROTE]->(c:Comment {id: id})-[:ON]->(n:Note)
RETURN c { .id, .text, .createdAt, .deletedAt, .replyCount, .modState, authorId: author.id, noteId: n.id,
           replyToId: head([(c)-[:REPLY_TO]->(p:Comment) | p.id]) } AS comment
