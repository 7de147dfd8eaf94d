// Live orders attributed to the group (bought in it, or through its group buys) in the period.
MATCH (o:Order)-[:TOUCHED {kind: 'GROUP'}]->(:Group {id: $groupId})
WHERE o.status = 'PLACED' AND o.createdAt >= $from AND o.createdAt < $to
RETURN count(o) AS orders, coalesce(sum(o.totalMinor), 0) AS gmvMinor
