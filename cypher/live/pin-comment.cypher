// Pins a comment of the room (or unpins, with $commentId null), under the room's lock.
MATCH (r:LiveRoom {id: $roomId})
SET r._lock = true REMOVE r._lock
WITH r
OPTIONAL MATCH (c:LiveComment {id: $commentId})-[:IN_ROOM]->(r)
WITH r, c, CASE WHEN $commentId IS NOT NULL AND c IS NULL THEN 'NOT_FOUND' WHEN r.status = 'ENDED' THEN 'ENDED' ELSE 'PINNED' END AS outcome
FOREACH (_ IN CASE WHEN outcome = 'PINNED' THEN [1] ELSE [] END | SET r.pinnedCommentId = $commentId)
RETURN outcome
