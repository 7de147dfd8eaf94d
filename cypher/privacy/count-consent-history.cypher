MATCH (:User {id: $userId})-[:CHANGED_CONSENT]->(c:ConsentChange)
WHERE ($purpose IS NULL OR c.purpose = $purpose)
RETURN count(c) AS total
