// Up to $batch of the user's notes are deleted outright, with the comments on them (whoever wrote
// them): every like, collect, view and collection entry of the note goes with it. Share links
// to a note stay, for the orders credited through them.
MATCH (:User {id: $userId})-[:POSTED]->(n:Note)
WITH n LIMIT $batch
CALL (n) {
  OPTIONAL MATCH (n)<-[:ON]-(c:Comment)
  DETACH DELETE c
}
DETACH DELETE n
RETURN count(*) AS done
