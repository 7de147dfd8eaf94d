// A new export, waiting for its archive to be written.
MATCH (u:User {id: $userId})
CREATE (u)-[:REQUESTED_EXPORT]->(e:DataExport {
  id: $id, userId: u.id, status: 'PENDING', day: $day, createdAt: $now, expiresAt: $expiresAt,
  readyAt: null, sizeBytes: null, attempts: 0, claimedAt: null, failure: null
})
RETURN e {.*} AS dataExport
