// The catalogue, newest first, optionally one merchant's or one category's.
MATCH (merchant:User)-[:SELLS]->(p:Product)
WHERE ($merchantId IS NULL OR merchant.id = $merchantId)
  AND ($category IS NULL OR p.category = $category)
  AND ($afterKey IS NULL OR p.createdAt < $afterKey OR (p.createdAt = $afterKey AND p.id < $afterId))
RETURN p.id AS id, p.createdAt AS key
ORDER BY p.createdAt DESC, p.id DESC
LIMIT $limit
