// Product hits within the filters ($brand and $category compared lower-cased). boughtByFriends
// follows friendsWhoBought's privacy rule: mutual follows, no block, showPurchasesToFriends on,
// orders not cancelled or refunded; only the count reaches the ranking, never who. Without
// $personalised (the viewer refused PERSONALISED_RECOMMENDATIONS) it is not read: 0.
CALL db.index.fulltext.queryNodes('product_search', $lucene, {limit: $candidates}) YIELD node AS p, score
WHERE ($minPrice IS NULL OR p.priceMinor >= $minPrice)
  AND ($maxPrice IS NULL OR p.priceMinor <= $maxPrice)
  AND ($brand IS NULL OR toLower(p.brand) = $brand)
  AND ($category IS NULL OR toLower(p.category) = $category)
  AND (NOT $inStock OR p.stock > 0)
OPTIONAL MATCH (viewer:User {id: $viewerId})
RETURN p.id AS id, score AS text, p.createdAt AS createdAt,
       COUNT { (p)<-[:FEATURES]-(:Note) } AS noteCount,
       CASE WHEN viewer IS NULL OR NOT $personalised THEN 0 ELSE COUNT {
         MATCH (viewer)-[:FOLLOWS]->(f:User)-[:FOLLOWS]->(viewer)
         WHERE coalesce(f.showPurchasesToFriends, true) AND NOT EXISTS { (viewer)-[:BLOCKS]-(f) }
           AND EXISTS { (f)-[:PLACED]->(:Order {status: 'PLACED'})-[:CONTAINS]->(p) }
         RETURN f
       } END AS boughtByFriends
