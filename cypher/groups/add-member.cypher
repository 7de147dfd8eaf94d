// Makes the user a member who accepted the rules (the caller holds the group's lock and has
// checked they may join); clears their invite and request.
MATCH (g:Group {id: $groupId}), (u:User {id: $userId})
CREATE (u)-[:MEMBER_OF {role: 'MEMBER', joinedAt: $now, acceptedRulesAt: $now, mutedUntil: null}]->(g)
CREATE (u)-[:JOINED {at: $now, via: $via}]->(g)
SET g.memberCount = g.memberCount + 1
WITH u, g
OPTIONAL MATCH (u)-[inv:INVITED_TO]->(g)
OPTIONAL MATCH (u)-[req:REQUESTED_TO_JOIN]->(g)
DELETE inv, req
RETURN g.memberCount AS memberCount
