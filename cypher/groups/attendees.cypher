// A page of who answered an event with $status (GroupEvent.attendees), first answers first: by
// when they gave their current answer, then id. Strictly after the cursor (afterKey = r.at, afterId).
MATCH (u:User)-[r:RSVP]->(:GroupEvent {id: $eventId})
WHERE r.status = $status
  AND ($afterKey IS NULL OR r.at > $afterKey OR (r.at = $afterKey AND u.id > $afterId))
RETURN u.id AS id, r.at AS key
ORDER BY r.at, u.id
LIMIT $limit
