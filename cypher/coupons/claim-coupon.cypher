// One unit of a coupon for one user (claimCoupon; later also a campaign's or a reward's $source).
// Locks the coupon, then decides under the lock, so concurrent claims are counted exactly: the
// coupon is ACTIVE and inside its claim window, has units left (claimedCount < totalQuantity),
// the user holds fewer than perUserLimit claims of it, and a group-exclusive coupon's claimer is
// a member of its group now. Returns the outcome and, when CLAIMED, the new claim's id.
MATCH (c:Coupon {id: $couponId}), (u:User {id: $userId})
SET c._lock = true REMOVE c._lock
WITH c, u,
     COUNT { MATCH (held:CouponClaim) WHERE held.couponId = c.id AND held.userId = u.id } AS held,
     c.groupId IS NULL OR EXISTS { MATCH (u)-[:MEMBER_OF]->(:Group {id: c.groupId}) } AS mayClaim
WITH c, u, held, CASE
       WHEN c.status <> 'ACTIVE' OR NOT mayClaim THEN 'NOT_FOUND'
       WHEN c.claimStartsAt > $now OR c.claimEndsAt <= $now THEN 'WINDOW_CLOSED'
       WHEN held >= c.perUserLimit THEN 'LIMIT_REACHED'
       WHEN c.claimedCount >= c.totalQuantity THEN 'EXHAUSTED'
       ELSE 'CLAIMED' END AS outcome
CALL (c, u, outcome) {
  WITH * WHERE outcome = 'CLAIMED'
  SET c.claimedCount = c.claimedCount + 1
  CREATE (u)-[:CLAIMED]->(:CouponClaim {id: $id, couponId: c.id, userId: u.id, source: $source, claimedAt: $now})-[:OF_COUPON]->(c)
}
RETURN outcome, CASE WHEN outcome = 'CLAIMED' THEN $id ELSE null END AS claimId, held + CASE WHEN outcome = 'CLAIMED' THEN 1 ELSE 0 END AS held
