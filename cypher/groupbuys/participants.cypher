MATCH (u:User)-[j:JOINED_GROUP_BUY]->(:GroupBuy {id: $id})
RETURN u.id AS id
ORDER BY j.at, u.id
