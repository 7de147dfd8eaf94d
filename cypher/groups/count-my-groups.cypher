// How many live groups the viewer is in (of $roles, when given): Query.myGroups' totalCount.
MATCH (:User {id: $viewerId})-[m:MEMBER_OF]->(g:Group)
WHERE g.archivedAt IS NULL AND ($roles IS NULL OR m.role IN $roles)
RETURN count(g) AS total
