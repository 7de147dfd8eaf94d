// What the export sweep has to do, a page at a time: exports past their expiry that are not yet
// EXPIRED (their file goes), exports of erased accounts (file and node go), and waiting exports
// whose builder stopped (claimed longer than $leaseMs ago, or never claimed for as long).
MATCH (u:User)-[:REQUESTED_EXPORT]->(e:DataExport)
WHERE (e.status <> 'EXPIRED' AND e.expiresAt <= $now)
   OR u.deletedAt IS NOT NULL
   OR (e.status = 'PENDING' AND coalesce(e.claimedAt, e.createdAt) < $now - $leaseMs)
RETURN e.id AS id, u.deletedAt IS NOT NULL AS ownerErased, e.status = 'PENDING' AND e.expiresAt > $now AND u.deletedAt IS NULL AS rebuild
ORDER BY e.id
LIMIT $limit
