MATCH (:User {id: $userId})-[:HAD_SECURITY_EVENT]->(e:SecurityEvent)
RETURN count(e) AS total
