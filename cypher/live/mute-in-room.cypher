// Mutes a viewer in a room until $until (0 minutes lifts the mute). The host cannot be muted, nor a
// moderator by another moderator: checked here, where the mute is written.
MATCH (r:LiveRoom {id: $roomId}), (u:User {id: $userId})
SET r._lock = true REMOVE r._lock
WITH r, u, CASE
       WHEN r.hostId = u.id THEN 'PROTECTED'
       WHEN EXISTS { (u)-[:MODERATES_ROOM]->(r) } AND r.hostId <> $actorId THEN 'PROTECTED'
       ELSE 'MUTED' END AS outcome
CALL (r, u, outcome) {
  WITH * WHERE outcome = 'MUTED'
  MERGE (u)-[m:MUTED_IN_ROOM]->(r)
  SET m.until = $until, m.by = $actorId, m.at = $now
}
RETURN outcome
