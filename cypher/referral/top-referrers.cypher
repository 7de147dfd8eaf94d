// Sharers ranked by the GMV of live orders that came through their links in the period.
MATCH (o:Order)-[:VIA]->(l:ShareLink)
WHERE o.status = 'PLACED' AND o.createdAt >= $from AND o.createdAt < $to
MATCH (buyer:User)-[:PLACED]->(o)
WITH l.sharerId AS sharerId, count(DISTINCT o) AS orders, count(DISTINCT buyer) AS buyers, sum(o.totalMinor) AS gmvMinor
RETURN sharerId, orders, buyers, gmvMinor
ORDER BY gmvMinor DESC, orders DESC, sharerId
LIMIT $limit
