// Batch lookup behind the coupon DataLoader.
UNWIND $ids AS id
MATCH (c:Coupon {id: id})
RETURN c { .id, .name, .description, .kind, .scope, .currency, .amountOffMinor, .percentOff, .capMinor, .thresholdMinor,
           .merchantId, .productId, .groupId, .totalQuantity, .claimedCount, .perUserLimit,
           .claimStartsAt, .claimEndsAt, .useStartsAt, .useEndsAt, .status, .createdBy, .createdAt, .decidedAt } AS coupon
