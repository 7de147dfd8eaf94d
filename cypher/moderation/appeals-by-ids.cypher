UNWIND $ids AS id
MATCH (ap:Appeal {id: id})-[:AGAINST]->(a:ModerationAction)
RETURN ap { .id, .text, .createdAt, .status, .appellantId, actionId: a.id, groupId: a.groupId } AS appeal
