MATCH (x:Redemption {id: $id})
RETURN x { .id, .userId, .rewardId, .costPoints, .createdAt } AS redemption
