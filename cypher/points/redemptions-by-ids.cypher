// The user's own redemptions among the ids (node(id)): another user's redemption is not among them.
UNWIND $ids AS id
MATCH (x:Redemption {id: id})
WHERE x.userId = $userId
RETURN x { .id, .userId, .rewardId, .costPoints, .createdAt } AS redemption
