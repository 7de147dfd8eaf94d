// Coupons (issue 18 §2). A Coupon is what its issuer offers (kind, scope, quantity, windows); a
// CouponClaim is one unit of it held by one user, used by at most one live order at a time.
// claimCoupon locks the Coupon, so its claimedCount and each user's claims are counted exactly.
CREATE CONSTRAINT coupon_id IF NOT EXISTS FOR (c:Coupon) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT coupon_claim_id IF NOT EXISTS FOR (c:CouponClaim) REQUIRE c.id IS UNIQUE;
// The claimable list reads ACTIVE coupons newest first; proposals are found by their merchant.
CREATE INDEX coupon_status_created IF NOT EXISTS FOR (c:Coupon) ON (c.status, c.createdAt);
CREATE INDEX coupon_merchant_status IF NOT EXISTS FOR (c:Coupon) ON (c.merchantId, c.status);
// myCoupons reads a user's claims newest first; the per-user limit counts a user's claims of one coupon.
CREATE INDEX coupon_claim_user_claimed IF NOT EXISTS FOR (c:CouponClaim) ON (c.userId, c.claimedAt);
CREATE INDEX coupon_claim_coupon_user IF NOT EXISTS FOR (c:CouponClaim) ON (c.couponId, c.userId);
