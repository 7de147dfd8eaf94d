// Live orders attributed to the group (bought in it, or through its group buys) in the period,
// per UTC day (dayStart in epoch ms), with their distinct buyers: the service withholds days of
// too few buyers (src/common/order-disclosure.ts).
MATCH (buyer:User)-[:PLACED]->(o:Order)-[:TOUCHED {kind: 'GROUP'}]->(:Group {id: $groupId})
WHERE o.status = 'PLACED' AND o.createdAt >= $from AND o.createdAt < $to
RETURN o.createdAt - o.createdAt % 86400000 AS dayStart, count(DISTINCT o) AS orders, count(DISTINCT buyer) AS buyers, sum(o.totalMinor) AS gmvMinor
ORDER BY dayStart
