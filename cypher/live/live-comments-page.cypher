// A room's comments, newest first, leaving out those by people in a block with the viewer.
MATCH (c:LiveComment)-[:IN_ROOM]->(:LiveRoom {id: $roomId})
WHERE ($afterKey IS NULL OR c.createdAt < $afterKey OR (c.createdAt = $afterKey AND c.id < $afterId))
  AND NOT c.authorId IN $hidden
RETURN c.id AS id, c.createdAt AS key
ORDER BY key DESC, id DESC
LIMIT $limit
