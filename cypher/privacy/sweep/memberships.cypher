// Up to $batch of the user's group memberships go, each under its group's lock: the group gets its
// exact memberCount back, and a group the user owned passes to its longest-standing admin, else
// moderator, else member (a group nobody is left in keeps no owner).
MATCH (:User {id: $userId})-[m:MEMBER_OF]->(g:Group)
WITH m, g LIMIT $batch
SET g._lock = true REMOVE g._lock
WITH m, g, m.role = 'OWNER' AS wasOwner
DELETE m
WITH g, wasOwner
CALL (g, wasOwner) {
  WITH g WHERE wasOwner
  MATCH (:User)-[heir:MEMBER_OF]->(g)
  WITH heir ORDER BY CASE heir.role WHEN 'ADMIN' THEN 0 WHEN 'MODERATOR' THEN 1 ELSE 2 END, heir.joinedAt
  LIMIT 1
  SET heir.role = 'OWNER'
}
SET g.memberCount = COUNT { (:User)-[:MEMBER_OF]->(g) }
RETURN count(g) AS done
