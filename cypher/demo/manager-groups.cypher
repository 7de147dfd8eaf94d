// The groups the demo's group manager administers, with what the console shows of them.
MATCH (:User {id: $userId})-[m:MEMBER_OF]->(g:Group)
WHERE m.role IN ['OWNER', 'ADMIN', 'MODERATOR']
RETURN g.id AS id, g.name AS name, g.memberCount AS members
ORDER BY g.memberCount DESC
LIMIT 10
