// Takes a waiting export to build: one builder at a time (a claim lasts $leaseMs; one that is
// older belongs to a builder that stopped, and the export is built again). No row: nothing to do.
MATCH (u:User)-[:REQUESTED_EXPORT]->(e:DataExport {id: $id})
WHERE e.status = 'PENDING' AND e.expiresAt > $now AND u.deletedAt IS NULL
  AND (e.claimedAt IS NULL OR e.claimedAt < $now - $leaseMs)
SET e.claimedAt = $now, e.attempts = e.attempts + 1
RETURN u.id AS userId, e.createdAt AS createdAt, e.attempts AS attempts
