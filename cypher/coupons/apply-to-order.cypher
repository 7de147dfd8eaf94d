// Uses the buyer's coupons on a new order, in the order's transaction, which holds the buyer's
// lock (every order of theirs queues on it) and the products' locks; cancelling locks the order,
// its products, then its claims, the same order. For each coupon the buyer's oldest unused claim
// is locked and taken only if still unused, so a claim is never used by two live orders; the
// caller compares the count used with the count asked. Stores each line's discount and paid
// amount, each coupon's discount, and the order's discount, subtotal and paid total.
MATCH (o:Order {id: $orderId})
UNWIND $uses AS use
CALL (use) {
  MATCH (cl:CouponClaim {couponId: use.couponId, userId: $buyerId})
  WHERE cl.usedAt IS NULL
  RETURN cl ORDER BY cl.claimedAt, cl.id LIMIT 1
}
WITH o, use, cl ORDER BY cl.id
SET cl._lock = true REMOVE cl._lock
WITH o, use, cl WHERE cl.usedAt IS NULL
SET cl.usedAt = $now, cl.orderId = o.id
CREATE (o)-[:USED_COUPON {couponId: use.couponId, discountMinor: use.discountMinor, at: $now}]->(cl)
WITH o, count(cl) AS used
SET o.discountMinor = $discountMinor, o.subtotalMinor = $subtotalMinor, o.totalMinor = $totalMinor
WITH o, used
CALL (o) {
  UNWIND $lines AS line
  MATCH (o)-[c:CONTAINS]->(:Product {id: line.productId})
  SET c.discountMinor = line.discountMinor, c.paidMinor = line.paidMinor
}
RETURN used
