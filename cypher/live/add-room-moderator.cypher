// The host names a moderator, under the room's lock so the count limit holds under concurrency.
MATCH (r:LiveRoom {id: $roomId}), (u:User {id: $userId})
SET r._lock = true REMOVE r._lock
WITH r, u, COUNT { (:User)-[:MODERATES_ROOM]->(r) } AS moderators, EXISTS { (u)-[:MODERATES_ROOM]->(r) } AS already
WITH r, u, already, CASE
       WHEN r.hostId <> $actorId THEN 'FORBIDDEN'
       WHEN u.id = r.hostId THEN 'IS_HOST'
       WHEN already THEN 'ADDED'
       WHEN moderators >= $max THEN 'LIMIT_REACHED'
       ELSE 'ADDED' END AS outcome
CALL (r, u, outcome, already) {
  WITH * WHERE outcome = 'ADDED' AND NOT already
  CREATE (u)-[:MODERATES_ROOM {since: $now}]->(r)
}
RETURN outcome
