// Schedules a room for its host, with its lineup, in one statement: each product of the lineup
// must be the host's own or sold by a merchant who allows the host (ALLOWS_LIVE_HOST), read in
// this transaction, so a merchant's revocation cannot slip between the check and the write. A
// room in a group needs the group to still exist (the service checked the host may post there).
// Returns the positions of the products refused, and the room's id when it was created.
MATCH (host:User {id: $hostId})
OPTIONAL MATCH (g:Group {id: $groupId}) WHERE g.archivedAt IS NULL
WITH host, g
UNWIND range(0, size($productIds) - 1) AS i
OPTIONAL MATCH (p:Product {id: $productIds[i]})
OPTIONAL MATCH (seller:User)-[:SELLS]->(p)
WITH host, g, i, p,
     coalesce(p IS NOT NULL AND seller IS NOT NULL AND (seller = host OR EXISTS { (seller)-[:ALLOWS_LIVE_HOST]->(host) }), false) AS allowed
WITH host, g, collect({i: i, p: p, allowed: allowed}) AS lines
WITH host, g, lines, [l IN lines WHERE NOT l.allowed | l.i] AS refused
OPTIONAL CALL (host, g, lines, refused) {
  WITH * WHERE size(refused) = 0 AND ($groupId IS NULL OR g IS NOT NULL)
  CREATE (host)-[:HOSTS]->(r:LiveRoom {
    id: $id, hostId: host.id, title: $title, coverUrl: $coverUrl, streamUrl: $streamUrl, groupId: $groupId,
    scheduledAt: $scheduledAt, status: 'SCHEDULED', startedAt: null, endedAt: null, createdAt: $now,
    currentViewers: 0, peakViewers: 0, uniqueViewers: 0, likeCount: 0, commentCount: 0, pinnedCommentId: null
  })
  FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (r)-[:IN_GROUP]->(g))
  WITH r, lines
  CALL (r, lines) {
    UNWIND lines AS l
    WITH r, l, l.p AS p
    CREATE (r)-[:FEATURES {position: l.i}]->(p)
  }
  RETURN r.id AS created
}
RETURN refused, created, $groupId IS NOT NULL AND g IS NULL AS groupMissing
