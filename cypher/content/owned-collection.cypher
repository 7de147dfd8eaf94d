MATCH (:User {id: $userId})-[:OWNS]->(c:Collection {id: $collectionId})
RETURN c.id AS id
