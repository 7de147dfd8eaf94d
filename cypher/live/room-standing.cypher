// A user's part in a room: host, moderator, muted (and until when), in a block with the host.
MATCH (r:LiveRoom {id: $roomId}), (u:User {id: $userId})
OPTIONAL MATCH (u)-[m:MUTED_IN_ROOM]->(r)
RETURN r.hostId = u.id AS isHost,
       EXISTS { (u)-[:MODERATES_ROOM]->(r) } AS isModerator,
       CASE WHEN m IS NOT NULL AND m.until > $now THEN m.until ELSE null END AS mutedUntil
