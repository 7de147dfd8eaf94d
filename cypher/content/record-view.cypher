// Counts a view at most once per viewer per hour. The note is write-locked first.
MATCH (u:User {id: $userId}), (n:Note {id: $noteId})
SET n._lock = true REMOVE n._lock
WITH u, n
OPTIONAL MATCH (u)-[v:VIEWED]->(n)
WITH u, n, v, (v IS NULL OR v.at <= $now - $windowMs) AS counts
CALL (u, n, v, counts) {
  WITH * WHERE counts AND v IS NULL
  CREATE (u)-[:VIEWED {at: $now, firstAt: $now}]->(n)
}
CALL (v, counts) {
  WITH * WHERE counts AND v IS NOT NULL
  SET v.at = $now
}
CALL (n, counts) {
  WITH * WHERE counts
  SET n.viewCount = n.viewCount + 1
}
RETURN counts AS counted, n.viewCount AS viewCount
