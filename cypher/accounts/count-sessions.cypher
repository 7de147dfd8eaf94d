MATCH (:User {id: $userId})-[:HAS_SESSION]->(s:Session)
WHERE s.revokedAt IS NULL AND s.expiresAt > $now
RETURN count(s) AS total
