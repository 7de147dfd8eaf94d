// Batch lookup behind the coupon-claim DataLoader.
UNWIND $ids AS id
MATCH (cl:CouponClaim {id: id})
RETURN cl { .id, .couponId, .userId, .source, .claimedAt, usedAt: coalesce(cl.usedAt, null), orderId: coalesce(cl.orderId, null) } AS claim
