MATCH (:User)-[m:MEMBER_OF]->(:Group {id: $groupId})
WHERE $role IS NULL OR m.role = $role
RETURN count(m) AS total
