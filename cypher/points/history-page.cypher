// A user's ledger entries, newest first; the cursor is the last entry's time and id.
MATCH (e:PointEntry {userId: $userId})
WHERE $afterKey IS NULL OR e.createdAt < $afterKey OR (e.createdAt = $afterKey AND e.id < $afterId)
RETURN e { .id, .action, .points, .reverses, .isCapped, .createdAt, reversed: e.reversedAt IS NOT NULL, .rewardId } AS entry
ORDER BY e.createdAt DESC, e.id DESC
LIMIT $limit
