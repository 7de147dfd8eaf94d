// Soft delete: the note leaves every feed and count but stays for moderation. The note and its
// author are write-locked before deletedAt is read: two concurrent deletes of one note both
// match it, and only the one that reads deletedAt under the lock may decrement noteCount. User
// before note, as in lock-collector.cypher, so the two cannot deadlock.
MATCH (author:User)-[:POSTED]->(n:Note {id: $id})
SET author._lock = true, n._lock = true
REMOVE author._lock, n._lock
WITH author, n
WHERE n.deletedAt IS NULL
SET n.deletedAt = $now, author.noteCount = coalesce(author.noteCount, 1) - 1
RETURN n.id AS id
