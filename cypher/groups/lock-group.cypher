// Write-locks a group before its membership changes, then reads the user's standing in it and the
// acting user's role, so a role check runs on what is true while the lock is held.
MATCH (g:Group {id: $groupId})
SET g._lock = true REMOVE g._lock
WITH g
MATCH (u:User {id: $userId})
OPTIONAL MATCH (u)-[m:MEMBER_OF]->(g)
RETURN g.visibility AS visibility, g.archivedAt IS NOT NULL AS archived, m.role AS role,
       EXISTS { (u)-[:BANNED_FROM]->(g) } AS banned,
       EXISTS { (u)-[:INVITED_TO]->(g) } AS invited,
       EXISTS { (u)-[:REQUESTED_TO_JOIN]->(g) } AS requested,
       COUNT { (:User)-[:MEMBER_OF {role: 'OWNER'}]->(g) } AS owners,
       head([(:User {id: $actorId})-[a:MEMBER_OF]->(g) | a.role]) AS actorRole
