MATCH (g:Group {id: $groupId}), (u:User {id: $userId})
MERGE (u)-[r:REQUESTED_TO_JOIN]->(g)
ON CREATE SET r.at = $now, r.message = $message
RETURN r.at AS at
