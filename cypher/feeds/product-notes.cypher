// Skeleton of a product's notes: live notes featuring the product that the viewer may see, newest first.
MATCH (:Product {id: $productId})<-[:FEATURES]-(n:Note)<-[:POSTED]-(author:User)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND (n.visibility = 'PUBLIC' OR author.id = $viewerId
       OR EXISTS { (:User {id: $viewerId})-[:FOLLOWS]->(author) })
  AND ($viewerId IS NULL OR NOT EXISTS { (:User {id: $viewerId})-[:BLOCKS]-(author) })
  AND ($afterKey IS NULL OR n.createdAt < $afterKey OR (n.createdAt = $afterKey AND n.id < $afterId))
RETURN n.id AS id, n.createdAt AS key
ORDER BY n.createdAt DESC, n.id DESC
LIMIT $limit
