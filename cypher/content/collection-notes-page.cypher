// Notes in a collection, most recently added first, strictly after the cursor (at, id).
MATCH (:Collection {id: $collectionId})-[r:CONTAINS]->(n:Note)
WHERE n.deletedAt IS NULL
  AND ($afterKey IS NULL OR r.at < $afterKey OR (r.at = $afterKey AND n.id < $afterId))
RETURN n.id AS id, r.at AS key
ORDER BY r.at DESC, n.id DESC
LIMIT $limit
