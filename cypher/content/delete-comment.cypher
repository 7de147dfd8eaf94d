// Soft-deletes a comment: its text is withdrawn, its replies stay. The caller holds the note's lock.
MATCH (c:Comment {id: $id})-[:ON]->(n:Note)
WHERE c.deletedAt IS NULL
OPTIONAL MATCH (c)-[:REPLY_TO]->(parent:Comment)
SET c.deletedAt = $now, n.commentCount = n.commentCount - 1
FOREACH (p IN CASE WHEN parent IS NULL THEN [] ELSE [parent] END | SET p.replyCount = p.replyCount - 1)
RETURN n.id AS noteId, n.commentCount AS commentCount
