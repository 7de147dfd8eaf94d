MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (e:GroupEvent {id: id})
OPTIONAL MATCH (viewer)-[r:RSVP]->(e)
RETURN id, r.status AS status
