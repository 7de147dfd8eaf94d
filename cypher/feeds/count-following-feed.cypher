MATCH (viewer:User {id: $viewerId})-[:FOLLOWS]->(author:User)-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND NOT EXISTS { (viewer)-[:BLOCKS]-(author) }
RETURN count(n) AS total
