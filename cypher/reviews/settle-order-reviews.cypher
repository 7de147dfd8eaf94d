// Brings the reviews of one order into or out of their products' ratings after the order's status
// or fraud flags changed (the caller holds the order's lock). Each product is write-locked, in id
// order; an order has each product once, so each row changes its own product. `shown`: the review
// is published (not held or moderated), so its author was paid for it and a removal claws back.
MATCH (o:Order {id: $orderId})<-[:FROM_ORDER]-(r:Review)-[:OF_PRODUCT]->(p:Product)
WITH o, r, p ORDER BY p.id
CALL (o, r, p) {
  SET p._lock = true REMOVE p._lock
  WITH o, r, p
  {{> fragments/review-settle}}
  RETURN wasCounted, counts
}
RETURN r.id AS id, r.authorId AS authorId, wasCounted, counts, r.modState IS NULL AS shown
