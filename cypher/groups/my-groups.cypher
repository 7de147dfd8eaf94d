// A page of the viewer's live groups (Query.myGroups), last joined first; with $roles, only those
// where the viewer holds one of them. Strictly after the cursor (afterKey = joinedAt, afterId).
MATCH (:User {id: $viewerId})-[m:MEMBER_OF]->(g:Group)
WHERE g.archivedAt IS NULL
  AND ($roles IS NULL OR m.role IN $roles)
  AND ($afterKey IS NULL OR m.joinedAt < $afterKey OR (m.joinedAt = $afterKey AND g.id < $afterId))
RETURN g.id AS id, m.joinedAt AS key
ORDER BY m.joinedAt DESC, g.id DESC
LIMIT $limit
