// Members, by rank (owner first) then join time, optionally of one role.
MATCH (u:User)-[m:MEMBER_OF]->(:Group {id: $groupId})
WITH u, m, CASE m.role WHEN 'OWNER' THEN 0 WHEN 'ADMIN' THEN 1 WHEN 'MODERATOR' THEN 2 ELSE 3 END AS rank
WHERE ($role IS NULL OR m.role = $role)
  AND ($afterKey IS NULL OR [rank, m.joinedAt, u.id] > [$afterRank, $afterKey, $afterId])
RETURN u.id AS id, m.role AS role, m.joinedAt AS joinedAt, m.mutedUntil AS mutedUntil, rank
ORDER BY rank, m.joinedAt, u.id
LIMIT $limit
