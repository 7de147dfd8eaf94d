// Open appeals, oldest first: one group's ($groupId) or all, strictly after the cursor (createdAt, id).
MATCH (ap:Appeal {status: 'OPEN'})-[:AGAINST]->(a:ModerationAction)
WHERE ($groupId IS NULL OR a.groupId = $groupId)
  AND ($afterKey IS NULL OR ap.createdAt > $afterKey OR (ap.createdAt = $afterKey AND ap.id > $afterId))
RETURN ap.id AS id, ap.createdAt AS key
ORDER BY ap.createdAt, ap.id
LIMIT $limit
