// Topics ranked by engagement since $since on live public notes: each like, collect and new note
// counts 1, each comment 4 (the discover feed's weights). Each source reads an indexed timestamp,
// so the query touches only what happened inside the window.
CALL {
  MATCH ()-[l:LIKED]->(n:Note) WHERE l.at >= $since RETURN n, 1 AS w
  UNION ALL
  MATCH ()-[c:COLLECTED]->(n:Note) WHERE c.at >= $since RETURN n, 1 AS w
  UNION ALL
  MATCH (cm:Comment)-[:ON]->(n:Note) WHERE cm.createdAt >= $since AND cm.deletedAt IS NULL RETURN n, 4 AS w
  UNION ALL
  MATCH (n:Note) WHERE n.createdAt >= $since RETURN n, 1 AS w
}
WITH n, sum(w) AS engagement
WHERE n.deletedAt IS NULL AND n.modState IS NULL AND n.visibility = 'PUBLIC'
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' }
MATCH (n)-[:TAGGED_WITH]->(t:Topic)
RETURN t.name AS name, sum(engagement) AS score, count(n) AS noteCount
ORDER BY score DESC, name
LIMIT $limit
