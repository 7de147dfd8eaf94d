// A page of the coupons a viewer may claim now, newest first: ACTIVE, inside the claim window,
// with units left, and group-exclusive ones only for members of their group ($viewerId null: none
// of those). Optional filters: scope, merchant, product, group.
MATCH (c:Coupon {status: 'ACTIVE'})
WHERE c.claimStartsAt <= $now AND c.claimEndsAt > $now AND c.claimedCount < c.totalQuantity
  AND ($scope IS NULL OR c.scope = $scope)
  AND ($merchantId IS NULL OR c.merchantId = $merchantId)
  AND ($productId IS NULL OR c.productId = $productId)
  AND ($groupId IS NULL OR c.groupId = $groupId)
  AND (c.groupId IS NULL OR ($viewerId IS NOT NULL AND EXISTS { MATCH (:User {id: $viewerId})-[:MEMBER_OF]->(:Group {id: c.groupId}) }))
  AND ($afterKey IS NULL OR c.createdAt < $afterKey OR (c.createdAt = $afterKey AND c.id < $afterId))
RETURN c.createdAt AS key, c.id AS id
ORDER BY key DESC, id DESC
LIMIT $limit
