// Of these watchers of a room, those who may no longer see it (the rule of LiveService.visibleRoom):
// gone, in a block with the host (either way), or, for a room in a group, not able to read the
// group (archived; banned from an OPEN one; not a member of a CLOSED or SECRET one).
MATCH (r:LiveRoom {id: $roomId})
OPTIONAL MATCH (g:Group {id: r.groupId})
UNWIND $userIds AS userId
OPTIONAL MATCH (u:User {id: userId})
WITH r, g, userId, u
WHERE u IS NULL
   OR EXISTS { (u)-[:BLOCKS]-(:User {id: r.hostId}) }
   OR (g IS NOT NULL AND (g.archivedAt IS NOT NULL
       OR (g.visibility = 'OPEN' AND EXISTS { (u)-[:BANNED_FROM]->(g) })
       OR (g.visibility <> 'OPEN' AND NOT EXISTS { (u)-[:MEMBER_OF]->(g) })))
RETURN collect(userId) AS lost
