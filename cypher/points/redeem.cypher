// Spends the reward's cost from the account locked by lock-for-redemption: a ledger entry, the
// new balance and the redemption record, in the transaction that checked the balance.
MATCH (a:PointAccount {userId: $userId}), (r:Reward {id: $rewardId})
SET a.balance = a.balance - r.costPoints, a.updatedAt = $now
CREATE (:PointEntry {id: $entryId, sourceKey: 'REDEEM:' + $id, userId: $userId, action: null, points: -r.costPoints,
  day: $day, rewardId: r.id, createdAt: $now})
CREATE (x:Redemption {id: $id, userId: $userId, rewardId: r.id, costPoints: r.costPoints, createdAt: $now})
RETURN x { .id, .userId, .rewardId, .costPoints, .createdAt } AS redemption
