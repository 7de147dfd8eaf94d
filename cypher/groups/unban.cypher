MATCH (:User {id: $userId})-[b:BANNED_FROM]->(:Group {id: $groupId})
DELETE b
RETURN count(*) AS removed
