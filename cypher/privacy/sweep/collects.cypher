// Up to $batch of the user's collects go (with the collections holding them), and each note
// collected gets its exact collectCount back, under its lock.
MATCH (u:User {id: $userId})-[l:COLLECTED]->(n:Note)
WITH l, n LIMIT $batch
DELETE l
WITH DISTINCT n
SET n._lock = true REMOVE n._lock
SET n.collectCount = COUNT { (n)<-[:COLLECTED]-(:User) }
RETURN count(n) AS done
UNION ALL
MATCH (:User {id: $userId})-[:OWNS]->(c:Collection)
WITH c LIMIT $batch
DETACH DELETE c
RETURN count(*) AS done
