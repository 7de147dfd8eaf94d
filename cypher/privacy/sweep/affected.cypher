// What erasing the account changes in what others are shown, read before it is erased so every
// instance's caches can drop it after: the notes it posted (they go), the notes whose counts it fed
// (its likes, collects and comments) and the users whose follow counts it fed (both ways).
MATCH (u:User {id: $userId})
RETURN [(u)-[:POSTED]->(n:Note) | n.id] AS ownNoteIds,
       [(u)-[:LIKED|COLLECTED]->(n:Note) | n.id] + [(u)-[:WROTE]->(:Comment)-[:ON]->(n:Note) | n.id] AS touchedNoteIds,
       [(u)-[:FOLLOWS]-(v:User) | v.id] AS neighbourIds
