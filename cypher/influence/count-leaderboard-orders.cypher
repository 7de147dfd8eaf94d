// How many sharers leaderboard-orders.cypher ranks (same filters), for the connection's totalCount.
MATCH (buyer:User)-[:PLACED]->(o:Order)-[:VIA]->(l:ShareLink)
WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
WITH l.sharerId AS id, o.createdAt - o.createdAt % 86400000 AS dayStart, count(DISTINCT buyer) AS buyers
WHERE buyers >= $minBuyers
WITH DISTINCT id
WHERE NOT EXISTS { MATCH (gone:User {id: id}) WHERE gone.deletedAt IS NOT NULL }
  AND ($groupId IS NULL OR EXISTS { (:User {id: id})-[:MEMBER_OF]->(:Group {id: $groupId}) })
RETURN count(id) AS total
