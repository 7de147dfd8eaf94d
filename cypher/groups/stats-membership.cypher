// Each member's join and leave times in a group, for new/left counts and weekly cohort retention.
MATCH (u:User)-[j:JOINED]->(g:Group {id: $groupId})
WITH u, g, min(j.at) AS firstJoined
OPTIONAL MATCH (u)-[l:LEFT]->(g)
WITH u, g, firstJoined, collect(l.at) AS leaves
RETURN u.id AS userId, firstJoined, leaves, EXISTS { (u)-[:MEMBER_OF]->(g) } AS member,
       COUNT { MATCH (u)-[j2:JOINED]->(g) WHERE j2.at >= $from AND j2.at < $to RETURN j2 } AS joinsInPeriod,
       size([x IN leaves WHERE x >= $from AND x < $to]) AS leavesInPeriod
