// Reviews by id, for the loaders.
MATCH (r:Review) WHERE r.id IN $ids
RETURN r { .id, .orderId, .productId, .authorId, .rating, .quality, .value, .shipping, .text, .mediaJson, .hasMedia, .isAnonymous,
  .verified, isVerifiedPurchase: r.verified, .modState, .fraudHeld, .counted, .helpfulCount, .createdAt, .replyText, .repliedAt, .replierId } AS review
