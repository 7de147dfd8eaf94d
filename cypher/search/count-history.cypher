MATCH (:User {id: $userId})-[:SEARCHED]->(q:SearchQuery)
RETURN count(DISTINCT q) AS count
