// A group's moderation audit log ($groupId) or the platform's, newest first.
MATCH (a:AuditEntry)
WHERE ($groupId IS NULL OR a.groupId = $groupId) AND (a.action STARTS WITH 'MODERATION_' OR a.action STARTS WITH 'APPEAL_' OR $groupId IS NULL)
RETURN a { .id, .action, .actorId, .at, .subjectId, .details, .groupId } AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
