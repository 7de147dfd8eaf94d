// What an order's points rest on, read in the transaction that changed the order (its end, a fraud
// decision; the caller holds the order's lock): its buyer and merchant, the sharer of the link it
// came through, its group buy, and whether it counts (fragments/order-counts: live, and no fraud
// flag open or confirmed). The ledger pays REFERRAL_CONVERTED and GROUP_BUY_COMPLETED while it
// counts and claws them back once it stops.
MATCH (buyer:User)-[:PLACED]->(o:Order {id: $orderId})-[:SOLD_BY]->(merchant:User)
OPTIONAL MATCH (o)-[:VIA]->(l:ShareLink)
RETURN o.id AS orderId, buyer.id AS buyerId, merchant.id AS merchantId, l.sharerId AS sharerId, o.groupBuyId AS groupBuyId,
       {{> fragments/order-counts}} AS counts
