// How many comments live-comments-page would list in all.
MATCH (c:LiveComment)-[:IN_ROOM]->(:LiveRoom {id: $roomId})
WHERE NOT c.authorId IN $hidden
RETURN count(c) AS total
