// Live orders attributed to the group (bought in it, or through its group buys) in the period,
// per UTC day (dayStart in epoch ms).
MATCH (o:Order)-[:TOUCHED {kind: 'GROUP'}]->(:Group {id: $groupId})
WHERE o.status = 'PLACED' AND o.createdAt >= $from AND o.createdAt < $to
RETURN o.createdAt - o.createdAt % 86400000 AS dayStart, count(o) AS orders, sum(o.totalMinor) AS gmvMinor
ORDER BY dayStart
