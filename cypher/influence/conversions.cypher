// Orders and GMV that came through each sharer's links since $since (live orders only).
MATCH (o:Order)-[:VIA]->(l:ShareLink)
WHERE o.status = 'PLACED' AND o.createdAt >= $since
RETURN l.sharerId AS id, count(o) AS conversions, sum(o.totalMinor) AS gmv
