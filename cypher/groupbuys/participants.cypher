// A group buy's participants in joining order; a group takes at most $limit people (its size), so the limit never cuts one short.
MATCH (u:User)-[j:JOINED_GROUP_BUY]->(:GroupBuy {id: $id})
RETURN u.id AS id
ORDER BY j.at, u.id
LIMIT $limit
