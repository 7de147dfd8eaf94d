// Pending join requests of a group, oldest first, so moderators answer them in order.
MATCH (u:User)-[r:REQUESTED_TO_JOIN]->(:Group {id: $groupId})
WHERE $afterKey IS NULL OR [r.at, u.id] > [$afterKey, $afterId]
RETURN u.id AS id, r.at AS key, coalesce(r.message, '') AS message
ORDER BY r.at, u.id
LIMIT $limit
