// How many visible reviews a product has (with media only, when asked).
MATCH (p:Product {id: $productId})<-[:OF_PRODUCT]-(r:Review)
WHERE r.modState IS NULL AND (NOT $withMedia OR r.hasMedia)
RETURN count(r) AS total
