// The host edits the recap's title and body (a null leaves one as it is) under the recap's lock;
// a published recap is the note's now, so it is not changed here (PUBLISHED).
MATCH (:LiveRoom {id: $roomId})-[:RECAP]->(rc:LiveRecap)
SET rc._lock = true REMOVE rc._lock
WITH rc, rc.noteId IS NOT NULL AS published
CALL (rc, published) {
  WITH * WHERE NOT published
  SET rc.title = coalesce($title, rc.title), rc.body = coalesce($body, rc.body), rc.updatedAt = $now
}
RETURN CASE WHEN published THEN 'PUBLISHED' ELSE 'UPDATED' END AS outcome
