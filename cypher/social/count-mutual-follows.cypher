MATCH (:User {id: $viewerId})-[:FOLLOWS]->(m:User)<-[:FOLLOWS]-(:User {id: $userId})
RETURN count(DISTINCT m) AS total
