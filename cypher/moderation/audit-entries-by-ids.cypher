// Audit entries by id, as the moderation log reads them (node(id)); `inGroupLog` is whether the
// group's log lists the entry (its moderation and appeal entries), which its moderators may read.
UNWIND $ids AS id
MATCH (a:AuditEntry {id: id})
RETURN a { .id, .action, .actorId, .at, .subjectId, .details, .groupId,
  subjectType: CASE
    WHEN a.action STARTS WITH 'MODERATION_' THEN a.subjectType
    WHEN a.action STARTS WITH 'APPEAL_' THEN 'ACTION'
    WHEN a.action = 'SET_ROLE' THEN 'USER'
    ELSE null
  END,
  inGroupLog: a.groupId IS NOT NULL AND (a.action STARTS WITH 'MODERATION_' OR a.action STARTS WITH 'APPEAL_') } AS entry
