// The user's own ledger entries among the ids (node(id)): another user's entry is not among them.
UNWIND $ids AS id
MATCH (e:PointEntry {id: id})
WHERE e.userId = $userId
RETURN e { .id, .action, .points, .reverses, .isCapped, .createdAt, reversed: e.reversedAt IS NOT NULL, .rewardId } AS entry
