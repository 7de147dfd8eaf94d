// Locks the redeemer's account (made on first use), then reads under that lock what the
// redemption checks: the reward, the balance, and whether the redeemer holds its badge already.
// Every award, clawback and redemption of the user takes this lock first, so the balance read
// here is the one the redemption spends from.
MERGE (a:PointAccount {userId: $userId})
  ON CREATE SET a.balance = 0, a.lifetime = 0, a.streak = 0, a.lastCheckInDay = null, a.createdAt = $now
SET a._lock = true REMOVE a._lock
WITH a
OPTIONAL MATCH (r:Reward {id: $rewardId})
OPTIONAL MATCH (held:BadgeAward {key: $userId + ':' + r.badgeKey})
RETURN a.balance AS balance, r { .id, .kind, .costPoints, .badgeKey, .isActive } AS reward, held IS NOT NULL AS holdsBadge
