// Every points entry of the user's ledger.
MATCH (e:PointEntry {userId: $userId})
WHERE $after IS NULL OR e.id > $after
RETURN e.id AS key, e { .id, .action, .points, .reverses, .isCapped, .createdAt, .reversedAt, .rewardId } AS item
ORDER BY key
LIMIT $limit
