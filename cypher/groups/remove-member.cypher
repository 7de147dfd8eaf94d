// Ends a membership (leave, removal or ban) and records when, for the group's statistics.
MATCH (u:User {id: $userId})-[m:MEMBER_OF]->(g:Group {id: $groupId})
DELETE m
CREATE (u)-[:LEFT {at: $now, reason: $reason}]->(g)
SET g.memberCount = g.memberCount - 1
RETURN g.memberCount AS memberCount
