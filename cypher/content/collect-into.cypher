// Puts the note into one of the user's collections and, the first time the user collects it at
// all, records COLLECTED and counts it. The caller holds the locks of lock-collector.cypher.
MATCH (u:User {id: $userId})-[:OWNS]->(c:Collection {id: $collectionId}), (n:Note {id: $noteId})
OPTIONAL MATCH (c)-[inCollection:CONTAINS]->(n)
OPTIONAL MATCH (u)-[collected:COLLECTED]->(n)
CALL (c, n, inCollection) {
  WITH * WHERE inCollection IS NULL
  CREATE (c)-[:CONTAINS {at: $now}]->(n)
}
CALL (u, n, collected) {
  WITH * WHERE collected IS NULL
  CREATE (u)-[:COLLECTED {at: $now}]->(n)
  SET n.collectCount = n.collectCount + 1
}
RETURN collected IS NULL AS firstCollect, n.collectCount AS collectCount
