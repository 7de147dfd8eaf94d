// Appends one security event to the user's history (src/security/events.ts). Nothing is written
// for a user who does not exist (an unknown login's failures have no one to belong to).
MATCH (u:User {id: $userId})
CREATE (u)-[:HAD_SECURITY_EVENT]->(e:SecurityEvent {
  id: $id, kind: $kind, at: $at, ipPrefix: $ipPrefix, deviceLabel: $deviceLabel, detail: $detail
})
RETURN e.id AS id
