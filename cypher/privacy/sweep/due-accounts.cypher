// Accounts whose deletion's grace period ended by $now and that are not erased yet: one page of
// the sweep (src/privacy/deletion-sweep.ts). Indexed by user_deletion_due (migration 014).
MATCH (u:User) WHERE u.deletionDueAt <= $now AND u.deletedAt IS NULL
RETURN u.id AS id, u.handleLower AS handleLower
ORDER BY u.deletionDueAt, u.id
LIMIT $limit
