// Removes the follow, if any, and keeps both counts exact (see follow.cypher for the locking).
MATCH (follower:User {id: $followerId}), (followee:User {id: $followeeId})
FOREACH (n IN CASE WHEN follower.id < followee.id THEN [follower, followee] ELSE [followee, follower] END |
  SET n._lock = true REMOVE n._lock)
WITH follower, followee
OPTIONAL MATCH (follower)-[existing:FOLLOWS]->(followee)
CALL (follower, followee, existing) {
  WITH * WHERE existing IS NOT NULL
  DELETE existing
  SET follower.followingCount = follower.followingCount - 1,
      followee.followerCount = followee.followerCount - 1
}
RETURN existing IS NOT NULL AS removed
