// A page of the group-exclusive coupons group managers proposed on a merchant's products and the
// merchant has not decided yet, newest first.
MATCH (c:Coupon {merchantId: $merchantId, status: 'PENDING_APPROVAL'})
WHERE $afterKey IS NULL OR c.createdAt < $afterKey OR (c.createdAt = $afterKey AND c.id < $afterId)
RETURN c.createdAt AS key, c.id AS id
ORDER BY key DESC, id DESC
LIMIT $limit
