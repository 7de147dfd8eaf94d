MATCH (:Topic {name: $topic})<-[:TAGGED_WITH]-(n:Note)<-[:POSTED]-(author:User)
WHERE n.deletedAt IS NULL
  AND (n.visibility = 'PUBLIC' OR author.id = $viewerId
       OR EXISTS { (:User {id: $viewerId})-[:FOLLOWS]->(author) })
  AND ($viewerId IS NULL OR NOT EXISTS { (:User {id: $viewerId})-[:BLOCKS]-(author) })
RETURN count(n) AS total
