MATCH (u:User {id: $userId}), (n:Note {id: $noteId})
SET n._lock = true REMOVE n._lock
WITH u, n
OPTIONAL MATCH (u)-[existing:LIKED]->(n)
CALL (n, existing) {
  WITH * WHERE existing IS NOT NULL
  DELETE existing
  SET n.likeCount = n.likeCount - 1
}
RETURN existing IS NOT NULL AS removed, n.likeCount AS likeCount
