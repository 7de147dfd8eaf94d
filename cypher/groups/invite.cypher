MATCH (g:Group {id: $groupId}), (u:User {id: $userId})
MERGE (u)-[i:INVITED_TO]->(g)
ON CREATE SET i.at = $now, i.byId = $byId
RETURN i.at AS at
