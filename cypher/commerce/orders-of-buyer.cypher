// The buyer's orders, newest first.
MATCH (:User {id: $buyerId})-[:PLACED]->(o:Order)
WHERE $afterKey IS NULL OR o.createdAt < $afterKey OR (o.createdAt = $afterKey AND o.id < $afterId)
RETURN o.id AS id, o.createdAt AS key
ORDER BY o.createdAt DESC, o.id DESC
LIMIT $limit
