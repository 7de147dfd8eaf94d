// KOL candidates for a brand: users with computed influence who post on the topics, with their
// topic fit (share of their live notes on the topics) and, for a group, how many of the group's
// members follow them.
MATCH (u:User)
WHERE u.influenceComputedAt IS NOT NULL AND ($tier IS NULL OR u.kolTier = $tier)
  AND coalesce(u.engagementRate, 0) >= $minEngagementRate
  AND EXISTS { MATCH (u)-[:POSTED]->(:Note)-[:TAGGED_WITH]->(t:Topic) WHERE t.name IN $topics }
WITH u,
  COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL RETURN n } AS notes,
  COUNT { MATCH (u)-[:POSTED]->(n:Note)-[:TAGGED_WITH]->(t:Topic) WHERE n.deletedAt IS NULL AND t.name IN $topics RETURN DISTINCT n } AS onTopic
RETURN u.id AS id, u.engagementRate AS engagementRate, u.conversions AS conversions, u.gmv AS gmv, u.kolTier AS tier,
  u.followerCount AS followers, toFloat(onTopic) / CASE WHEN notes = 0 THEN 1 ELSE notes END AS topicFit,
  CASE WHEN $groupId IS NULL THEN 0 ELSE COUNT { MATCH (m:User)-[:MEMBER_OF]->(:Group {id: $groupId}) WHERE (m)-[:FOLLOWS]->(u) RETURN m } END AS groupFollowers,
  CASE WHEN $groupId IS NULL THEN 0 ELSE COUNT { (:User)-[:MEMBER_OF]->(:Group {id: $groupId}) } END AS groupMembers
ORDER BY topicFit DESC, u.influenceScore DESC
LIMIT 500
