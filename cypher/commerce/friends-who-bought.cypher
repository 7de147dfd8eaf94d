// Social proof: people the viewer follows who bought the product (orders not cancelled or
// refunded), most recent buyers first.
MATCH (:User {id: $viewerId})-[:FOLLOWS]->(f:User)-[:PLACED]->(o:Order)-[:CONTAINS]->(:Product {id: $productId})
WHERE o.status = 'PLACED'
WITH f, max(o.createdAt) AS lastBought
ORDER BY lastBought DESC, f.id
RETURN collect(f.id) AS userIds
