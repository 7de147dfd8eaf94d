MATCH (viewer:User {id: $viewerId})-[:FOLLOWS]->(author:User)-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL AND NOT EXISTS { (viewer)-[:BLOCKS]-(author) }
RETURN count(n) AS total
