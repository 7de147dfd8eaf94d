// How many rooms live-rooms-page would list in all, with the same visibility rules: a room whose
// host account is gone is left out there, so it is not counted either.
MATCH (r:LiveRoom {status: $status})
WHERE NOT r.hostId IN $hidden AND EXISTS { MATCH (:User {id: r.hostId}) }
  AND (r.groupId IS NULL OR EXISTS {
    MATCH (g:Group {id: r.groupId}) WHERE g.archivedAt IS NULL
      AND (EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) }
        OR (g.visibility = 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:BANNED_FROM]->(g) }))
  })
RETURN count(r) AS total
