// The moderators of a room, first named first (at most $limit: the host names at most that many).
MATCH (u:User)-[m:MODERATES_ROOM]->(:LiveRoom {id: $roomId})
RETURN u.id AS id
ORDER BY m.since, u.id
LIMIT $limit
