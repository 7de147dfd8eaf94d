// Likes a note once. The note is write-locked first so that the existence check and the count
// are exact under concurrent likes (see cypher/README.md).
MATCH (u:User {id: $userId}), (n:Note {id: $noteId})
SET n._lock = true REMOVE n._lock
WITH u, n
OPTIONAL MATCH (u)-[existing:LIKED]->(n)
CALL (u, n, existing) {
  WITH * WHERE existing IS NULL
  CREATE (u)-[:LIKED {at: $now}]->(n)
  SET n.likeCount = n.likeCount + 1
}
RETURN existing IS NULL AS created, n.likeCount AS likeCount
