MATCH (a:AuditEntry)
RETURN a { .id, .action, .actorId, .at, .subjectId, .details } AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
