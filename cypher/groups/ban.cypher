// Bans are kept: a banned user cannot rejoin until unbanned.
MATCH (u:User {id: $userId}), (g:Group {id: $groupId})
MERGE (u)-[b:BANNED_FROM]->(g)
ON CREATE SET b.at = $now, b.byId = $byId, b.reason = $reason
WITH u, g
OPTIONAL MATCH (u)-[i:INVITED_TO]->(g)
OPTIONAL MATCH (u)-[r:REQUESTED_TO_JOIN]->(g)
DELETE i, r
RETURN u.id AS id
