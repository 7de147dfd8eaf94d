MATCH (g:Group)
WHERE g.archivedAt IS NULL
  AND ($search IS NULL OR g.nameLower CONTAINS $search)
  AND ($topic IS NULL OR EXISTS { (g)-[:TAGGED_WITH]->(:Topic {name: $topic}) })
  AND (g.visibility <> 'SECRET' OR EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) })
RETURN count(g) AS total
