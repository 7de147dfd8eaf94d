UNWIND $ids AS id
MATCH (c:LiveComment {id: id})
RETURN c { .id, .roomId, .authorId, .body, .createdAt } AS comment
