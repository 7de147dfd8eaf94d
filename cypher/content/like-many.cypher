// Likes notes, several in one statement (a batch of concurrent like requests, in note id order
// so that two batches lock their notes in the same order and cannot deadlock). Each row locks
// its note first, so that the existence check and the count are exact under concurrent likes
// (see cypher/README.md), and sees the rows before it: the same like twice in a batch is one.
// A row whose user or note does not exist returns nothing.
UNWIND $likes AS row
CALL (row) {
  MATCH (u:User {id: row.userId}), (n:Note {id: row.noteId})
  SET n._lock = true REMOVE n._lock
  WITH u, n
  OPTIONAL MATCH (u)-[existing:LIKED]->(n)
  CALL (u, n, existing, row) {
    WITH * WHERE existing IS NULL
    CREATE (u)-[:LIKED {at: row.now}]->(n)
    SET n.likeCount = n.likeCount + 1
  }
  RETURN existing IS NULL AS created, n.likeCount AS likeCount
}
RETURN row.key AS key, created, likeCount
