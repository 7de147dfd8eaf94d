// Skeleton of a group's feed: its live notes, newest first.
MATCH (n:Note)-[:POSTED_IN]->(:Group {id: $groupId})
WHERE n.deletedAt IS NULL AND n.modState IS NULL
  AND ($afterKey IS NULL OR n.createdAt < $afterKey OR (n.createdAt = $afterKey AND n.id < $afterId))
RETURN n.id AS id, n.createdAt AS key
ORDER BY n.createdAt DESC, n.id DESC
LIMIT $limit
