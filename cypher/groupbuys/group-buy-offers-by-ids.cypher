// Batch lookup behind the group-buy offer DataLoader.
UNWIND $ids AS id
MATCH (o:GroupBuyOffer {id: id})-[:FOR]->(p:Product)
RETURN o { .id, .groupPrice, .currency, .requiredSize, .maxGroups, .groupCount, .windowHours, .endsAt, .status, .createdAt, .closedAt,
  productId: p.id } AS offer
