// Rooms hosted by people the viewer follows that are LIVE or SCHEDULED, live now first (last
// started first), then scheduled (soonest first), with the visibility rules of live-rooms-page.
// The key puts every LIVE room above every SCHEDULED one: epoch milliseconds stay below 2e13.
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(host:User)-[:HOSTS]->(r:LiveRoom)
WHERE r.status IN ['LIVE', 'SCHEDULED']
WITH r, CASE r.status WHEN 'LIVE' THEN 40000000000000 + r.startedAt ELSE 20000000000000 - r.scheduledAt END AS key
WHERE ($afterKey IS NULL OR key < $afterKey OR (key = $afterKey AND r.id < $afterId))
  AND NOT r.hostId IN $hidden
  AND (r.groupId IS NULL OR EXISTS {
    MATCH (g:Group {id: r.groupId}) WHERE g.archivedAt IS NULL
      AND (EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) }
        OR (g.visibility = 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:BANNED_FROM]->(g) }))
  })
RETURN r.id AS id, key
ORDER BY key DESC, id DESC
LIMIT $limit
