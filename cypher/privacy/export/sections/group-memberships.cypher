// The groups the user belongs to, with their role.
MATCH (:User {id: $userId})-[m:MEMBER_OF]->(g:Group)
WHERE $after IS NULL OR g.id > $after
RETURN g.id AS key, { groupId: g.id, groupName: g.name, role: m.role, joinedAt: m.joinedAt, acceptedRulesAt: m.acceptedRulesAt } AS item
ORDER BY key
LIMIT $limit
