// How many collections a user has (Query.collections' totalCount).
MATCH (:User {id: $userId})-[:OWNS]->(c:Collection)
RETURN count(c) AS total
