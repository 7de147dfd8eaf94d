// How many of a user's claims are in one status (as my-coupons-page reads it).
MATCH (cl:CouponClaim {userId: $userId})-[:OF_COUPON]->(c:Coupon)
WHERE CASE WHEN cl.usedAt IS NOT NULL THEN 'USED' WHEN c.useEndsAt > $now THEN 'AVAILABLE' ELSE 'EXPIRED' END = $status
RETURN count(cl) AS total
