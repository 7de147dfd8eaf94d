// A viewer enters a LIVE room, under the room's lock: counted once while present (joining again
// changes nothing), once ever among the unique viewers, and the peak and this minute's peak follow.
MATCH (r:LiveRoom {id: $roomId}), (u:User {id: $userId})
SET r._lock = true REMOVE r._lock
WITH r, u, r.status = 'LIVE' AS live, EXISTS { (u)-[:WATCHING]->(r) } AS present, EXISTS { (u)-[:WATCHED]->(r) } AS seen
CALL (r, u, live, present, seen) {
  WITH * WHERE live AND NOT present
  CREATE (u)-[:WATCHING {since: $now}]->(r)
  SET r.currentViewers = r.currentViewers + 1,
      r.peakViewers = CASE WHEN r.currentViewers + 1 > r.peakViewers THEN r.currentViewers + 1 ELSE r.peakViewers END
  FOREACH (_ IN CASE WHEN seen THEN [] ELSE [1] END |
    CREATE (u)-[:WATCHED {firstAt: $now}]->(r)
    SET r.uniqueViewers = r.uniqueViewers + 1)
  MERGE (r)-[:MINUTE]->(m:LiveMinute {roomId: r.id, minute: $minute})
  ON CREATE SET m.peakViewers = 0, m.joins = 0, m.comments = 0, m.likes = 0
  SET m.joins = m.joins + 1,
      m.peakViewers = CASE WHEN r.currentViewers > m.peakViewers THEN r.currentViewers ELSE m.peakViewers END
}
RETURN live, r.currentViewers AS currentViewers
