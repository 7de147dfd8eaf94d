MATCH (e:GroupEvent {id: $eventId}), (u:User {id: $userId})
MERGE (u)-[r:RSVP]->(e)
SET r.status = $status, r.at = $now
RETURN r.status AS status
