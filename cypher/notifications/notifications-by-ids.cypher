UNWIND $ids AS id
MATCH (u:User)-[:HAS_NOTIFICATION]->(x:Notification {id: id})
RETURN x { .id, .type, .createdAt, .readAt, .actorId, .noteId, .commentId, .actionId, .detail, recipientId: u.id } AS notification
