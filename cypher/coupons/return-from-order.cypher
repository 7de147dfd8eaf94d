// A cancelled or refunded order gives its coupons back: each claim it used, locked, becomes
// unused again while its coupon's use window is still open (an expired one stays used by the
// ended order). The order keeps its USED_COUPON record of what it took off, marked returned.
MATCH (o:Order {id: $orderId})-[u:USED_COUPON]->(cl:CouponClaim)-[:OF_COUPON]->(c:Coupon)
WHERE cl.orderId = o.id
WITH u, cl, c ORDER BY cl.id
SET cl._lock = true REMOVE cl._lock
WITH u, cl, c WHERE c.useEndsAt > $now
SET cl.usedAt = null, cl.orderId = null, u.returnedAt = $now
RETURN count(cl) AS returned
