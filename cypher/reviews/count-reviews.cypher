// How many visible reviews a product has for the viewer (with media only, when asked): as
// reviews-page, leaving out those of authors in a block with the viewer unless anonymous.
MATCH (p:Product {id: $productId})<-[:OF_PRODUCT]-(r:Review)
WHERE r.modState IS NULL AND (NOT $withMedia OR r.hasMedia)
  AND ($viewerId IS NULL OR r.isAnonymous OR NOT EXISTS { (:User {id: $viewerId})-[:BLOCKS]-(:User)-[:WROTE_REVIEW]->(r) })
RETURN count(r) AS total
