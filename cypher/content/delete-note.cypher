// Soft delete: the note leaves every feed and count but stays for moderation. The author is
// locked first so that noteCount stays exact.
MATCH (author:User)-[:POSTED]->(n:Note {id: $id})
WHERE n.deletedAt IS NULL
SET author._lock = true REMOVE author._lock
SET n.deletedAt = $now, author.noteCount = coalesce(author.noteCount, 1) - 1
RETURN n.id AS id
