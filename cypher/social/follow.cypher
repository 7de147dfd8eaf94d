// Follows $followeeId as $followerId, once. Returns no row when either user is missing.
// Both users are write-locked (in id order, so two opposite follows cannot deadlock) before the
// existing follow and the counts are read: Neo4j reads are read-committed, and the lock makes the
// check-then-create and the count increments exact under concurrent requests.
MATCH (follower:User {id: $followerId}), (followee:User {id: $followeeId})
FOREACH (n IN CASE WHEN follower.id < followee.id THEN [follower, followee] ELSE [followee, follower] END |
  SET n._lock = true REMOVE n._lock)
WITH follower, followee
OPTIONAL MATCH (follower)-[existing:FOLLOWS]->(followee)
WITH follower, followee, existing, EXISTS { (follower)-[:BLOCKS]-(followee) } AS blocked
CALL (follower, followee, existing, blocked) {
  WITH * WHERE existing IS NULL AND NOT blocked
  CREATE (follower)-[:FOLLOWS {since: $now}]->(followee)
  SET follower.followingCount = follower.followingCount + 1,
      followee.followerCount = followee.followerCount + 1
}
RETURN blocked, existing IS NULL AND NOT blocked AS created, coalesce(existing.since, $now) AS followedAt
