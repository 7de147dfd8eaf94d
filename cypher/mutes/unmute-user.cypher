// Lifts the viewer's mute of $userId, if any. No row when $userId is no user.
MATCH (u:User {id: $userId})
OPTIONAL MATCH (:User {id: $viewerId})-[m:MUTES]->(u)
DELETE m
RETURN u.id AS id
