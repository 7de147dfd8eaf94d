MATCH (:User {id: $userId})-[m:MEMBER_OF]->(:Group {id: $groupId})
SET m.mutedUntil = $until
RETURN m.mutedUntil AS mutedUntil
