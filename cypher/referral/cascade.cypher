// The cascade of every link to one target, grouped by hop (depth 0 = seed links): links, the
// distinct sharers, visits, sign-ups, live orders, and the users each hop reached (signed-in
// visitors and sign-ups), from which the service derives conversion and the fission coefficient.
MATCH (l:ShareLink {targetType: $targetType, targetId: $targetId})
CALL (l) {
  RETURN COUNT { (:Visit)-[:OF_LINK]->(l) } AS visits,
         COUNT { (:User)-[:SIGNED_UP_VIA]->(l) } AS signUps,
         COUNT { MATCH (o:Order)-[:VIA]->(l) WHERE o.status = 'PLACED' RETURN o } AS orders,
         [(u:User)-[:MADE]->(:Visit)-[:OF_LINK]->(l) | u.id] + [(u:User)-[:SIGNED_UP_VIA]->(l) | u.id] AS reached
}
WITH l.depth AS depth, collect(DISTINCT l.sharerId) AS sharerIds, count(l) AS links,
     sum(visits) AS visits, sum(signUps) AS signUps, sum(orders) AS orders, collect(reached) AS reachedLists
RETURN depth, links, sharerIds, visits, signUps, orders,
       reduce(acc = [], r IN reachedLists | acc + r) AS reachedIds
ORDER BY depth
