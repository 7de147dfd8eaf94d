// How many users leaderboard-points.cypher ranks (same filters), for the connection's totalCount.
MATCH (e:PointEntry)
WHERE e.createdAt >= $from AND e.createdAt < $to AND e.action IS NOT NULL AND e.reverses IS NULL AND e.reversedAt IS NULL
WITH e.userId AS id, sum(e.points) AS value
WHERE value > 0
  AND EXISTS { MATCH (u:User {id: id}) WHERE u.deletedAt IS NULL }
  AND ($groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) })
RETURN count(id) AS total
