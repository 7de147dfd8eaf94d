// A room's minutes, first first (at most $limit): the viewers, joins, comments and likes counted in
// each (LiveMinute), and the live orders placed in the room in it.
MATCH (r:LiveRoom {id: $roomId})
CALL (r) {
  MATCH (r)-[:MINUTE]->(m:LiveMinute)
  RETURN m.minute AS minute, m.peakViewers AS peakViewers, m.joins AS joins, m.comments AS comments, m.likes AS likes
  UNION
  MATCH (o:Order)-[:TOUCHED {kind: 'LIVE'}]->(r)
  WHERE o.status = 'PLACED' AND NOT EXISTS { (r)-[:MINUTE]->(:LiveMinute {minute: o.createdAt / 60000 * 60000}) }
  RETURN DISTINCT o.createdAt / 60000 * 60000 AS minute, 0 AS peakViewers, 0 AS joins, 0 AS comments, 0 AS likes
}
WITH r, minute, peakViewers, joins, comments, likes
ORDER BY minute
LIMIT $limit
CALL (r, minute) {
  OPTIONAL MATCH (o:Order)-[:TOUCHED {kind: 'LIVE'}]->(r)
  WHERE o.status = 'PLACED' AND o.createdAt >= minute AND o.createdAt < minute + 60000
  RETURN count(o) AS orders
}
RETURN minute, peakViewers, joins, comments, likes, orders
