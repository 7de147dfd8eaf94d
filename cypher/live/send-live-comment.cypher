// Writes a comment in a LIVE room, checking in this transaction (the room locked) that the room is
// live and the author not muted in it: a mute that commits first refuses the comment.
MATCH (r:LiveRoom {id: $roomId}), (u:User {id: $authorId})
SET r._lock = true REMOVE r._lock
WITH r, u, CASE
       WHEN r.status <> 'LIVE' THEN 'NOT_LIVE'
       WHEN EXISTS { (u)-[m:MUTED_IN_ROOM]->(r) WHERE m.until > $now } THEN 'MUTED'
       ELSE 'SENT' END AS outcome
CALL (r, u, outcome) {
  WITH * WHERE outcome = 'SENT'
  CREATE (u)-[:WROTE_LIVE]->(c:LiveComment {id: $id, roomId: r.id, authorId: u.id, body: $body, createdAt: $now})-[:IN_ROOM]->(r)
  SET r.commentCount = r.commentCount + 1
  MERGE (r)-[:MINUTE]->(m:LiveMinute {roomId: r.id, minute: $minute})
  ON CREATE SET m.peakViewers = r.currentViewers, m.joins = 0, m.comments = 0, m.likes = 0
  SET m.comments = m.comments + 1
}
RETURN outcome
