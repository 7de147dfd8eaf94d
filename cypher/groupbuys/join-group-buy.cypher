// Commits one participant. The group buy is write-locked first, so the count check and the
// increment are exact: never more than requiredSize participants.
MATCH (b:GroupBuy {id: $id}), (u:User {id: $userId})
SET b._lock = true REMOVE b._lock
WITH b, u
OPTIONAL MATCH (u)-[existing:JOINED_GROUP_BUY]->(b)
WITH b, u, existing,
     CASE
       WHEN existing IS NOT NULL THEN 'ALREADY_JOINED'
       WHEN b.status <> 'OPEN' THEN b.status
       WHEN b.expiresAt <= $now THEN 'EXPIRED'
       WHEN b.participantCount >= b.requiredSize THEN 'FULL'
       ELSE 'JOINED' END AS outcome
CALL (b, u, outcome) {
  WITH * WHERE outcome = 'JOINED'
  CREATE (u)-[:JOINED_GROUP_BUY {at: $now}]->(b)
  SET b.participantCount = b.participantCount + 1
}
RETURN outcome, b.participantCount AS participantCount, b.requiredSize AS requiredSize
