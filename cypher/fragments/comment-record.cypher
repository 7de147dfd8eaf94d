// A comment as the comment DataLoader holds it (CommentRecord, src/content/types.ts): the entries
// of a map projection of the comment {{c}}, written by {{author}} on the note {{n}}.
.id, .text, .createdAt, .deletedAt, .replyCount, .modState, authorId: {{author}}.id, noteId: {{n}}.id,
replyToId: head([({{c}})-[:REPLY_TO]->(p:Comment) | p.id])
