// How many users answered an event with $status (GroupEvent.attendees' totalCount).
MATCH (:User)-[r:RSVP]->(:GroupEvent {id: $eventId})
WHERE r.status = $status
RETURN count(r) AS total
