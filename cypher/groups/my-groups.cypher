MATCH (:User {id: $viewerId})-[m:MEMBER_OF]->(g:Group)
WHERE g.archivedAt IS NULL
RETURN g.id AS id
ORDER BY m.joinedAt DESC
LIMIT 500
