UNWIND $ids AS id
MATCH (e:GroupEvent {id: id})-[:OF_GROUP]->(g:Group)
RETURN e { .id, .title, .description, .startsAt, .mode, .location, .createdAt, groupId: g.id,
  going: COUNT { (:User)-[:RSVP {status: 'GOING'}]->(e) },
  maybe: COUNT { (:User)-[:RSVP {status: 'MAYBE'}]->(e) } } AS event
