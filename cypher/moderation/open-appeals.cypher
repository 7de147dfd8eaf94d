MATCH (ap:Appeal {status: 'OPEN'})-[:AGAINST]->(a:ModerationAction)
WHERE $groupId IS NULL OR a.groupId = $groupId
RETURN ap.id AS id
ORDER BY ap.createdAt, ap.id
LIMIT $limit
