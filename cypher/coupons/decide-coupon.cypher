// The merchant's decision on a proposed coupon, under the coupon's lock: only a PENDING_APPROVAL
// coupon of this merchant moves (to ACTIVE or REJECTED). Returns the status it has after.
MATCH (c:Coupon {id: $couponId})
SET c._lock = true REMOVE c._lock
WITH c, c.status = 'PENDING_APPROVAL' AND c.merchantId = $merchantId AS decides
FOREACH (_ IN CASE WHEN decides THEN [1] ELSE [] END | SET c.status = $status, c.decidedAt = $now)
RETURN c.status AS status, decides
