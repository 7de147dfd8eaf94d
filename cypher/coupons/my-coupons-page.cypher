// A page of a user's claims in one status, newest claim first: AVAILABLE (unused, use window not
// over), USED (by a live order; a cancelled or refunded order gave it back unless expired) or
// EXPIRED (unused, use window over).
MATCH (cl:CouponClaim {userId: $userId})-[:OF_COUPON]->(c:Coupon)
WHERE CASE WHEN cl.usedAt IS NOT NULL THEN 'USED' WHEN c.useEndsAt > $now THEN 'AVAILABLE' ELSE 'EXPIRED' END = $status
  AND ($afterKey IS NULL OR cl.claimedAt < $afterKey OR (cl.claimedAt = $afterKey AND cl.id < $afterId))
RETURN cl.claimedAt AS key, cl.id AS id
ORDER BY key DESC, id DESC
LIMIT $limit
