// Rooms of one status the viewer may see: a room in an archived group, in a CLOSED or SECRET group
// the viewer is not a member of, in an OPEN group that banned them, or hosted by someone in a block
// with them is left out. LIVE rooms last started first, SCHEDULED soonest first, ENDED last ended
// first: the sort key is negated for SCHEDULED so one descending order serves all three.
MATCH (r:LiveRoom {status: $status})
WITH r, CASE r.status WHEN 'SCHEDULED' THEN -r.scheduledAt WHEN 'LIVE' THEN r.startedAt ELSE r.endedAt END AS key
WHERE ($afterKey IS NULL OR key < $afterKey OR (key = $afterKey AND r.id < $afterId))
  AND NOT r.hostId IN $hidden AND EXISTS { MATCH (:User {id: r.hostId}) }
  AND (r.groupId IS NULL OR EXISTS {
    MATCH (g:Group {id: r.groupId}) WHERE g.archivedAt IS NULL
      AND (EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) }
        OR (g.visibility = 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:BANNED_FROM]->(g) }))
  })
RETURN r.id AS id, key
ORDER BY key DESC, id DESC
LIMIT $limit
