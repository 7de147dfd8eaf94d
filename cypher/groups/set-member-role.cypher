MATCH (:User {id: $userId})-[m:MEMBER_OF]->(:Group {id: $groupId})
SET m.role = $role
RETURN m.role AS role
