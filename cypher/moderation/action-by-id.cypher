MATCH (a:ModerationAction {id: $id})
RETURN a { .id, .action, .targetType, .targetId, .groupId, .actorId, .reason, .at, .subjectUserId, .until, .reversed,
  appealId: head([(ap:Appeal)-[:AGAINST]->(a) | ap.id]) } AS action
