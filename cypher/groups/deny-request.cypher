MATCH (:User {id: $userId})-[r:REQUESTED_TO_JOIN]->(:Group {id: $groupId})
DELETE r
RETURN count(*) AS removed
