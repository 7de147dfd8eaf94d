// How many sharers leaderboard-orders.cypher ranks (same filters), for the connection's totalCount.
MATCH (o:Order)-[:VIA]->(l:ShareLink)
WHERE o.status = 'PLACED' AND o.createdAt >= $from AND o.createdAt < $to
WITH DISTINCT l.sharerId AS id
WHERE $groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) }
RETURN count(id) AS total
