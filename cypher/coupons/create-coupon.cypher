// Creates a coupon as its service checked it: ACTIVE at once, or PENDING_APPROVAL when a group's
// manager proposes a group-exclusive coupon on another merchant's products (the merchant decides,
// decide-coupon). Links it to its creator, merchant, product and group where it has them.
// A proposal's creator must be an admin or the owner of its group now ($managerGroupId), checked
// in the transaction that creates it: no row when they are not.
MATCH (creator:User {id: $createdBy})
WHERE $managerGroupId IS NULL OR EXISTS { MATCH (creator)-[m:MEMBER_OF]->(:Group {id: $managerGroupId}) WHERE m.role IN ['OWNER', 'ADMIN'] }
CREATE (creator)-[:CREATED_COUPON]->(c:Coupon {
  id: $id, name: $name, description: $description, kind: $kind, scope: $scope, currency: $currency,
  amountOffMinor: $amountOffMinor, percentOff: $percentOff, capMinor: $capMinor, thresholdMinor: $thresholdMinor,
  merchantId: $merchantId, productId: $productId, groupId: $groupId,
  totalQuantity: $totalQuantity, claimedCount: 0, perUserLimit: $perUserLimit,
  claimStartsAt: $claimStartsAt, claimEndsAt: $claimEndsAt, useStartsAt: $useStartsAt, useEndsAt: $useEndsAt,
  status: $status, createdBy: $createdBy, createdAt: $now, decidedAt: CASE WHEN $status = 'ACTIVE' THEN $now ELSE null END
})
WITH c
CALL (c) {
  OPTIONAL MATCH (m:User {id: c.merchantId})
  FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FROM_MERCHANT]->(m))
}
CALL (c) {
  OPTIONAL MATCH (p:Product {id: c.productId})
  FOREACH (_ IN CASE WHEN p IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FOR_PRODUCT]->(p))
}
CALL (c) {
  OPTIONAL MATCH (g:Group {id: c.groupId})
  FOREACH (_ IN CASE WHEN g IS NULL THEN [] ELSE [1] END | CREATE (c)-[:FOR_GROUP]->(g))
}
RETURN c.id AS id
