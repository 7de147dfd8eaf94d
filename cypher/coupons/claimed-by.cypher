// Which of the coupons the user has ever claimed (the coupon stays visible to them).
UNWIND $couponIds AS couponId
MATCH (cl:CouponClaim {couponId: couponId, userId: $userId})
RETURN DISTINCT couponId
