MATCH (u:User {id: $userId})-[m:MEMBER_OF]->(:Group {id: $groupId})
RETURN u.id AS id, m.role AS role, m.joinedAt AS joinedAt, m.mutedUntil AS mutedUntil, 0 AS rank
