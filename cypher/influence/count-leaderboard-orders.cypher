// How many sharers leaderboard-orders.cypher ranks (same filters), for the connection's totalCount.
MATCH (buyer:User)-[:PLACED]->(o:Order)-[:VIA]->(l:ShareLink)
WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
WITH l.sharerId AS id, o.createdAt - o.createdAt % 86400000 AS dayStart, count(DISTINCT buyer) AS buyers
WHERE buyers >= $minBuyers
WITH DISTINCT id
WHERE EXISTS { MATCH (sharer:User {id: id}) WHERE sharer.deletedAt IS NULL }
  AND ($groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) })
RETURN count(id) AS total
