// For each coupon id, the user's claims of it that are unused (oldest first: placeOrder uses the
// oldest), and how many claims of it they hold in all.
UNWIND $couponIds AS couponId
OPTIONAL MATCH (cl:CouponClaim {couponId: couponId, userId: $userId})
WITH couponId, cl ORDER BY cl.claimedAt, cl.id
RETURN couponId, [x IN collect(cl) WHERE x.usedAt IS NULL | x.id] AS unusedClaimIds, count(cl) AS held
