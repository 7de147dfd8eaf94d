// Moves a room to LIVE or ENDED under its lock: SCHEDULED → LIVE (startLive), SCHEDULED or LIVE →
// ENDED (endLive). Ending drops the pinned product (its flash price stops at once) and everyone's
// presence. Returns the outcome: CHANGED, UNCHANGED (already there) or INVALID (the step is not allowed).
MATCH (r:LiveRoom {id: $id})
SET r._lock = true REMOVE r._lock
WITH r, r.status AS before,
     CASE
       WHEN r.status = $status THEN 'UNCHANGED'
       WHEN $status = 'LIVE' AND r.status = 'SCHEDULED' THEN 'CHANGED'
       WHEN $status = 'ENDED' AND r.status IN ['SCHEDULED', 'LIVE'] THEN 'CHANGED'
       ELSE 'INVALID' END AS outcome
CALL (r, outcome) {
  WITH * WHERE outcome = 'CHANGED'
  SET r.status = $status,
      r.startedAt = CASE WHEN $status = 'LIVE' THEN $now ELSE r.startedAt END,
      r.endedAt = CASE WHEN $status = 'ENDED' THEN $now ELSE r.endedAt END
  WITH r WHERE $status = 'ENDED'
  OPTIONAL MATCH (r)-[cur:CURRENT_PIN]->(pin:LivePin)
  SET pin.unpinnedAt = $now
  DELETE cur
  WITH DISTINCT r
  OPTIONAL MATCH (:User)-[w:WATCHING]->(r)
  DELETE w
  WITH DISTINCT r
  SET r.currentViewers = 0
}
RETURN outcome, before
