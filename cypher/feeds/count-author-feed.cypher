MATCH (:User {id: $authorId})-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL AND (n.visibility = 'PUBLIC' OR $includeFollowersOnly)
RETURN count(n) AS total
