// Each member's join and leave times in a group, for new/left counts, members per day and weekly
// cohort retention.
MATCH (u:User)-[j:JOINED]->(g:Group {id: $groupId})
WITH u, g, collect(j.at) AS joins
OPTIONAL MATCH (u)-[l:LEFT]->(g)
WITH u, g, joins, collect(l.at) AS leaves
RETURN u.id AS userId, reduce(first = head(joins), t IN joins | CASE WHEN t < first THEN t ELSE first END) AS firstJoined,
       joins, leaves, EXISTS { (u)-[:MEMBER_OF]->(g) } AS member,
       size([x IN joins WHERE x >= $from AND x < $to]) AS joinsInPeriod,
       size([x IN leaves WHERE x >= $from AND x < $to]) AS leavesInPeriod
