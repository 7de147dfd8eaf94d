// Ranked by a stored influence property, optionally among one group's members.
MATCH (u:User)
WHERE u.influenceComputedAt IS NOT NULL
  AND ($groupId IS NULL OR EXISTS { (u)-[:MEMBER_OF]->(:Group {id: $groupId}) })
WITH u, CASE $kind WHEN 'ENGAGEMENT' THEN u.engagement ELSE u.influenceScore END AS value
WHERE value > 0
RETURN u.id AS id, value
ORDER BY value DESC, u.id
SKIP $skip LIMIT $limit
