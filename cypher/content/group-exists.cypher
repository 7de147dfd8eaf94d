MATCH (g:Group {id: $groupId})
RETURN g.id AS id
