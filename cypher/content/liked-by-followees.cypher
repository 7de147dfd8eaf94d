// Social proof, batched: for each note, how many people the viewer follows liked it, and the
// most recent of them (at most $limit).
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (n:Note {id: id})
CALL (viewer, n) {
  MATCH (viewer)-[:FOLLOWS]->(f:User)-[l:LIKED]->(n)
  WHERE NOT EXISTS { (viewer)-[:BLOCKS]-(f) }
  WITH f ORDER BY l.at DESC
  RETURN count(f) AS total, collect(f.id)[0..$limit] AS userIds
}
RETURN id, total, userIds
