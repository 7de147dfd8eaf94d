// Users ranked by the points they earned in the period and kept: awards written in it, less those
// clawed back since (a reversed award counts nothing; redemptions are spending, not earning),
// optionally among one group's members. An erased account (a tombstone), or one that is gone, is not ranked.
MATCH (e:PointEntry)
WHERE e.createdAt >= $from AND e.createdAt < $to AND e.action IS NOT NULL AND e.reverses IS NULL AND e.reversedAt IS NULL
WITH e.userId AS id, sum(e.points) AS value
WHERE value > 0
  AND EXISTS { MATCH (u:User {id: id}) WHERE u.deletedAt IS NULL }
  AND ($groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) })
RETURN id, value
ORDER BY value DESC, id
SKIP $skip LIMIT $limit
