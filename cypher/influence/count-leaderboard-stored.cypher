// How many users leaderboard-stored.cypher ranks (same filters), for the connection's totalCount.
MATCH (u:User)
WHERE u.influenceComputedAt IS NOT NULL
  AND ($groupId IS NULL OR EXISTS { (u)-[:MEMBER_OF]->(:Group {id: $groupId}) })
  AND CASE $kind WHEN 'ENGAGEMENT' THEN u.engagement ELSE u.influenceScore END > 0
RETURN count(u) AS total
