// A group's events, soonest first, from $from on.
MATCH (e:GroupEvent)-[:OF_GROUP]->(:Group {id: $groupId})
WHERE e.startsAt >= $from
RETURN e.id AS id
ORDER BY e.startsAt, e.id
LIMIT $limit
