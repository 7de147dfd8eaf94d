// How many rooms followed-live-rooms would list in all.
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(:User)-[:HOSTS]->(r:LiveRoom)
WHERE r.status IN ['LIVE', 'SCHEDULED'] AND NOT r.hostId IN $hidden
  AND (r.groupId IS NULL OR EXISTS {
    MATCH (g:Group {id: r.groupId}) WHERE g.archivedAt IS NULL
      AND (EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) }
        OR (g.visibility = 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:BANNED_FROM]->(g) }))
  })
RETURN count(r) AS total
