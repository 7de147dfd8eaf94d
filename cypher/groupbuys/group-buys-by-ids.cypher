UNWIND $ids AS id
MATCH (b:GroupBuy {id: id})-[:FOR]->(p:Product)
RETURN b { .id, .groupPrice, .currency, .requiredSize, .expiresAt, .status, .createdAt, .completedAt, .starterId, .shareCode,
  .participantCount, .groupId, .offerId, productId: p.id } AS groupBuy
