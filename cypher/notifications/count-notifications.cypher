MATCH (:User {id: $userId})-[:HAS_NOTIFICATION]->(x:Notification)
WHERE ($unreadOnly = false OR x.readAt IS NULL)
RETURN count(x) AS total
