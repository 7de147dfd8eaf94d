// How many appeals are open: one group's ($groupId) or all.
MATCH (ap:Appeal {status: 'OPEN'})-[:AGAINST]->(a:ModerationAction)
WHERE $groupId IS NULL OR a.groupId = $groupId
RETURN count(ap) AS total
