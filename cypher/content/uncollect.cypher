// Takes the note out of one collection ($collectionId) or all of the user's collections (null);
// when no collection of the user holds it any more, the collect itself is undone.
MATCH (u:User {id: $userId}), (n:Note {id: $noteId})
OPTIONAL MATCH (u)-[:OWNS]->(c:Collection)-[r:CONTAINS]->(n)
WHERE $collectionId IS NULL OR c.id = $collectionId
DELETE r
WITH DISTINCT u, n
OPTIONAL MATCH (u)-[collected:COLLECTED]->(n)
WHERE NOT EXISTS { (u)-[:OWNS]->(:Collection)-[:CONTAINS]->(n) }
CALL (n, collected) {
  WITH * WHERE collected IS NOT NULL
  DELETE collected
  SET n.collectCount = n.collectCount - 1
}
RETURN n.collectCount AS collectCount, collected IS NOT NULL AS removed
