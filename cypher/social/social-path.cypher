// The shortest chain of follows from one user to another, at most 6 hops (the bound must be a
// literal in Cypher; the service applies the caller's smaller maxDepth to the result).
MATCH (from:User {id: $fromId}), (to:User {id: $toId})
MATCH p = shortestPath((from)-[:FOLLOWS*1..6]->(to))
RETURN [n IN nodes(p) | n.id] AS ids
