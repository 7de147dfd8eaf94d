MATCH (:User {id: $authorId})-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND (n.visibility = 'PUBLIC' OR $includeFollowersOnly)
RETURN count(n) AS total
