// An export whose file was removed: EXPIRED (kept, so the list tells the user it was there);
// an erased account's exports go entirely.
MATCH (u:User)-[:REQUESTED_EXPORT]->(e:DataExport {id: $id})
FOREACH (_ IN CASE WHEN u.deletedAt IS NULL THEN [1] ELSE [] END | SET e.status = 'EXPIRED', e.sizeBytes = null, e.claimedAt = null)
FOREACH (_ IN CASE WHEN u.deletedAt IS NULL THEN [] ELSE [1] END | DETACH DELETE e)
RETURN $id AS id
