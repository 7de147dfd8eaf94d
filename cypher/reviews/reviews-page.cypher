// A page of a product's visible reviews in the order asked for. Every order sorts by one string key,
// descending, made of zero-padded numbers (so strings compare as the numbers do), then by id:
// HELPFUL helpful votes then newest; LATEST newest; RATING_HIGH rating then newest; RATING_LOW
// lowest rating (6 - rating) then newest. The key starts with the order's letter, so a cursor from
// another order is refused by the service. A review whose author is in a block with the viewer,
// either way, is left out unless it is anonymous (leaving it out would tell who wrote it).
MATCH (p:Product {id: $productId})<-[:OF_PRODUCT]-(r:Review)
WHERE r.modState IS NULL AND (NOT $withMedia OR r.hasMedia)
  AND ($viewerId IS NULL OR r.isAnonymous OR NOT EXISTS { (:User {id: $viewerId})-[:BLOCKS]-(:User)-[:WROTE_REVIEW]->(r) })
WITH r, right('000000000000000' + toString(r.createdAt), 15) AS at
WITH r, CASE $sort
  WHEN 'HELPFUL' THEN 'H' + right('0000000000' + toString(r.helpfulCount), 10) + at
  WHEN 'RATING_HIGH' THEN 'R' + toString(r.rating) + at
  WHEN 'RATING_LOW' THEN 'W' + toString(6 - r.rating) + at
  ELSE 'L' + at
END AS key
WHERE $afterKey IS NULL OR key < $afterKey OR (key = $afterKey AND r.id < $afterId)
RETURN key, r.id AS id
ORDER BY key DESC, id DESC
LIMIT $limit
