// Lifts the viewer's mute of the folded word $folded, if any.
MATCH (viewer:User {id: $viewerId})
OPTIONAL MATCH (viewer)-[:MUTES_WORD]->(w:MutedWord {folded: $folded})
DETACH DELETE w
RETURN viewer.id AS id
