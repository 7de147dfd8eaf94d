// The user's own security events among the ids (node(id)): another user's event is not among them.
UNWIND $ids AS id
MATCH (:User {id: $userId})-[:HAD_SECURITY_EVENT]->(e:SecurityEvent {id: id})
RETURN e { .id, .kind, .at, .ipPrefix, .deviceLabel, .detail } AS event
