// Up to $batch of the user's likes go, and each note liked gets its exact count back, under its lock.
MATCH (:User {id: $userId})-[l:LIKED]->(n:Note)
WITH l, n LIMIT $batch
DELETE l
WITH DISTINCT n
SET n._lock = true REMOVE n._lock
SET n.likeCount = COUNT { (n)<-[:LIKED]-(:User) }
RETURN count(n) AS done
