// The requester, locked for the rest of the transaction so two requests at once count each other,
// and how many exports they asked for on this UTC day (failed ones do not count: they may retry).
MATCH (u:User {id: $userId})
WHERE u.deletedAt IS NULL
SET u._lock = true REMOVE u._lock
RETURN COUNT { (u)-[:REQUESTED_EXPORT]->(e:DataExport) WHERE e.day = $day AND e.status <> 'FAILED' } AS today
