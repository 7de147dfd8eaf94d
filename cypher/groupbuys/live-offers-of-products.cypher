// The offers of each product that still start groups, newest first: one round trip for a page of
// products (the DataLoader behind Product.groupBuyOffers).
UNWIND $productIds AS productId
MATCH (o:GroupBuyOffer)-[:FOR]->(:Product {id: productId})
WHERE o.status = 'OPEN' AND (o.endsAt IS NULL OR o.endsAt > $now)
WITH productId, o ORDER BY o.createdAt DESC, o.id
RETURN productId, collect(o.id)[..$limit] AS ids
