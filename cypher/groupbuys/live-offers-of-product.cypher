// The offers of a product that still start groups, newest first.
MATCH (o:GroupBuyOffer)-[:FOR]->(:Product {id: $productId})
WHERE o.status = 'OPEN' AND (o.endsAt IS NULL OR o.endsAt > $now)
RETURN o.id AS id
ORDER BY o.createdAt DESC, o.id
LIMIT $limit
