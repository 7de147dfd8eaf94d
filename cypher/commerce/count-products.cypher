MATCH (merchant:User)-[:SELLS]->(p:Product)
WHERE ($merchantId IS NULL OR merchant.id = $merchantId) AND ($category IS NULL OR p.category = $category)
RETURN count(p) AS total
