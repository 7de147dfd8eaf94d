// Live groups by search and topic, newest first; SECRET groups only for their members.
MATCH (g:Group)
WHERE g.archivedAt IS NULL
  AND ($search IS NULL OR g.nameLower CONTAINS $search)
  AND ($topic IS NULL OR EXISTS { (g)-[:TAGGED_WITH]->(:Topic {name: $topic}) })
  AND (g.visibility <> 'SECRET' OR EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) })
  AND ($afterKey IS NULL OR g.createdAt < $afterKey OR (g.createdAt = $afterKey AND g.id < $afterId))
RETURN g.id AS id, g.createdAt AS key
ORDER BY g.createdAt DESC, g.id DESC
LIMIT $limit
