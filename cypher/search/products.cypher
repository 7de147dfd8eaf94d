// Product hits within the filters ($brand and $category compared lower-cased). boughtByFriends
// follows friendsWhoBought's privacy rule: mutual follows, no block, showPurchasesToFriends on,
// orders not cancelled or refunded; only the count reaches the ranking, never who. Without
// $personalised (the viewer refused PERSONALISED_RECOMMENDATIONS) it is not read: 0. The viewer's
// friends are read once, before the index, not once per product; each product then asks only
// whether each friend's own orders contain it (from the friend's side: a hot product has many orders).
OPTIONAL MATCH (viewer:User {id: $viewerId})
WITH CASE WHEN viewer IS NULL OR NOT $personalised THEN [] ELSE COLLECT {
       MATCH (viewer)-[:FOLLOWS]->(f:User)
       WHERE EXISTS { (f)-[:FOLLOWS]->(viewer) } AND coalesce(f.showPurchasesToFriends, true) AND NOT EXISTS { (viewer)-[:BLOCKS]-(f) }
       RETURN DISTINCT f
     } END AS friends
CALL db.index.fulltext.queryNodes('product_search', $lucene, {limit: $candidates}) YIELD node AS p, score
WHERE ($minPrice IS NULL OR p.priceMinor >= $minPrice)
  AND ($maxPrice IS NULL OR p.priceMinor <= $maxPrice)
  AND ($brand IS NULL OR toLower(p.brand) = $brand)
  AND ($category IS NULL OR toLower(p.category) = $category)
  AND (NOT $inStock OR p.stock > 0)
RETURN p.id AS id, score AS text, p.createdAt AS createdAt,
       COUNT { (p)<-[:FEATURES]-(:Note) } AS noteCount,
       size([f IN friends WHERE EXISTS { MATCH (f)-[:PLACED]->(o:Order)-[:CONTAINS]->(p) WHERE o.status = 'PLACED' }]) AS boughtByFriends
