// Sharers ranked by orders (REFERRAL) or GMV through their links in the period, optionally among a group's members.
MATCH (o:Order)-[:VIA]->(l:ShareLink)
WHERE o.status = 'PLACED' AND o.createdAt >= $from AND o.createdAt < $to
WITH l.sharerId AS id, count(o) AS orders, sum(o.totalMinor) AS gmv
WHERE $groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) }
WITH id, CASE $kind WHEN 'GMV' THEN gmv ELSE orders END AS value
RETURN id, value
ORDER BY value DESC, id
SKIP $skip LIMIT $limit
