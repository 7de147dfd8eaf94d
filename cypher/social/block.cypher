// Blocks $blockedId for $blockerId: removes follows in both directions (keeping counts exact) and
// records the block once. Returns no row when either user is missing.
MATCH (blocker:User {id: $blockerId}), (blocked:User {id: $blockedId})
FOREACH (n IN CASE WHEN blocker.id < blocked.id THEN [blocker, blocked] ELSE [blocked, blocker] END |
  SET n._lock = true REMOVE n._lock)
WITH blocker, blocked
OPTIONAL MATCH (blocker)-[out:FOLLOWS]->(blocked)
OPTIONAL MATCH (blocked)-[in:FOLLOWS]->(blocker)
FOREACH (_ IN CASE WHEN out IS NULL THEN [] ELSE [1] END |
  SET blocker.followingCount = blocker.followingCount - 1, blocked.followerCount = blocked.followerCount - 1)
FOREACH (_ IN CASE WHEN in IS NULL THEN [] ELSE [1] END |
  SET blocked.followingCount = blocked.followingCount - 1, blocker.followerCount = blocker.followerCount - 1)
DELETE out, in
MERGE (blocker)-[b:BLOCKS]->(blocked)
ON CREATE SET b.since = $now
RETURN b.since AS since
