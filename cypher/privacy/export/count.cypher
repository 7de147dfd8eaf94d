MATCH (:User {id: $userId})-[:REQUESTED_EXPORT]->(e:DataExport)
RETURN count(e) AS total
