// The recap a room's host finds once the room has ended: drafted once (a second end of the same room
// keeps the first draft and whatever the host made of it). Only the host reads or edits it.
MATCH (r:LiveRoom {id: $roomId})
MERGE (r)-[:RECAP]->(rc:LiveRecap)
  ON CREATE SET rc.roomId = r.id, rc.title = $title, rc.body = $body, rc.draftedAt = $now, rc.updatedAt = $now
RETURN rc.roomId AS roomId
