// The line a buyer reviews, read under the order's write lock (the lock cancelOrder, refundOrder and
// decideFraudFlag take), so the order's status cannot change before the review commits. No row when
// the order is not the buyer's; hasLine is false when the product is not one of its lines.
MATCH (buyer:User {id: $buyerId})-[:PLACED]->(o:Order {id: $orderId})
SET o._lock = true REMOVE o._lock
RETURN o.status AS status,
       EXISTS { (o)-[:CONTAINS]->(:Product {id: $productId}) } AS hasLine,
       EXISTS { (:Review {lineKey: $lineKey}) } AS reviewed
