// Up to $batch of the user's comments are deleted outright (others' replies to them stay, with no
// parent); the notes and parent comments they were on get their exact counts back, under their locks.
MATCH (:User {id: $userId})-[:WROTE]->(c:Comment)
WITH c LIMIT $batch
OPTIONAL MATCH (c)-[:ON]->(n:Note)
OPTIONAL MATCH (c)-[:REPLY_TO]->(p:Comment)
WITH collect(c) AS comments, collect(DISTINCT n) AS notes, collect(DISTINCT p) AS parents
WITH comments, notes, [p IN parents WHERE NOT p IN comments] AS parents
FOREACH (c IN comments | DETACH DELETE c)
WITH comments, notes, parents
CALL (notes) {
  UNWIND notes AS n
  SET n._lock = true REMOVE n._lock
  SET n.commentCount = COUNT { MATCH (n)<-[:ON]-(x:Comment) WHERE x.deletedAt IS NULL RETURN x }
}
CALL (parents) {
  UNWIND parents AS p
  SET p._lock = true REMOVE p._lock
  SET p.replyCount = COUNT { MATCH (r:Comment)-[:REPLY_TO]->(p) WHERE r.deletedAt IS NULL RETURN r }
}
RETURN size(comments) AS done
