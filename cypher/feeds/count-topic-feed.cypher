MATCH (:Topic {name: $topic})<-[:TAGGED_WITH]-(n:Note)<-[:POSTED]-(author:User)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND (n.visibility = 'PUBLIC' OR author.id = $viewerId
       OR EXISTS { (:User {id: $viewerId})-[:FOLLOWS]->(author) })
  AND ($viewerId IS NULL OR NOT EXISTS { (:User {id: $viewerId})-[:BLOCKS]-(author) })
RETURN count(n) AS total
