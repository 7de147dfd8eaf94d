// Memberships by their ids' halves (node(id) of a GroupMember, `<groupId>:<userId>`), as the member list reads them.
UNWIND $keys AS key
MATCH (u:User {id: key.userId})-[m:MEMBER_OF]->(g:Group {id: key.groupId})
RETURN g.id AS groupId, u.id AS id, m.role AS role, m.joinedAt AS joinedAt, m.mutedUntil AS mutedUntil
