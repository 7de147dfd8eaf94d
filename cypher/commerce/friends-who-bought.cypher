// Social proof: the viewer's mutual follows (they follow each other, so no block stands between
// them) who bought the product (orders not cancelled or refunded) and have not turned off
// showPurchasesToFriends, most recent buyers first. Purchases are private to everyone else.
MATCH (viewer:User {id: $viewerId})-[:FOLLOWS]->(f:User)-[:FOLLOWS]->(viewer)
WHERE coalesce(f.showPurchasesToFriends, true) AND NOT EXISTS { (viewer)-[:BLOCKS]-(f) }
MATCH (f)-[:PLACED]->(o:Order)-[:CONTAINS]->(:Product {id: $productId})
WHERE o.status = 'PLACED'
WITH f, max(o.createdAt) AS lastBought
ORDER BY lastBought DESC, f.id
RETURN collect(f.id) AS userIds
