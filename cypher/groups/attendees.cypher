MATCH (u:User)-[r:RSVP]->(:GroupEvent {id: $eventId})
WHERE r.status = $status
RETURN u.id AS id
ORDER BY r.at, u.id
LIMIT $limit
