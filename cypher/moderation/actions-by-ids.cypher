// Moderation actions by id (node(id): the affected user, the group's moderators and platform admins read them).
UNWIND $ids AS id
MATCH (a:ModerationAction {id: id})
RETURN a { .id, .action, .targetType, .targetId, .groupId, .actorId, .reason, .at, .subjectUserId, .until, .reversed,
  appealId: head([(ap:Appeal)-[:AGAINST]->(a) | ap.id]) } AS action
