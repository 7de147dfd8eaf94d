// Skeleton of a profile: the author's live notes, newest first; FOLLOWERS-only notes only when
// the service has established that the viewer may see them ($includeFollowersOnly).
MATCH (:User {id: $authorId})-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND (n.visibility = 'PUBLIC' OR $includeFollowersOnly)
  AND ($afterKey IS NULL OR n.createdAt < $afterKey OR (n.createdAt = $afterKey AND n.id < $afterId))
RETURN n.id AS id, n.createdAt AS key
ORDER BY n.createdAt DESC, n.id DESC
LIMIT $limit
