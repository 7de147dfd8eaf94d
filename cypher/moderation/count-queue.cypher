MATCH (c:ModerationCase {status: 'OPEN'})
WHERE $groupId IS NULL OR c.groupId = $groupId
RETURN count(c) AS total
