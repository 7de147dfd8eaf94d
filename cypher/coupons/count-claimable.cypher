// How many coupons claimable-page lists in all, with the same filters.
MATCH (c:Coupon {status: 'ACTIVE'})
WHERE c.claimStartsAt <= $now AND c.claimEndsAt > $now AND c.claimedCount < c.totalQuantity
  AND ($scope IS NULL OR c.scope = $scope)
  AND ($merchantId IS NULL OR c.merchantId = $merchantId)
  AND ($productId IS NULL OR c.productId = $productId)
  AND ($groupId IS NULL OR c.groupId = $groupId)
  AND (c.groupId IS NULL OR ($viewerId IS NOT NULL AND EXISTS { MATCH (:User {id: $viewerId})-[:MEMBER_OF]->(:Group {id: c.groupId}) }))
RETURN count(c) AS total
