// Resolves an open appeal, once: the appeal is write-locked before its status is read, so two
// moderators deciding at the same moment cannot both resolve it.
MATCH (ap:Appeal {id: $id})-[:AGAINST]->(a:ModerationAction)
SET ap._lock = true REMOVE ap._lock
WITH ap, a
WHERE ap.status = 'OPEN'
SET ap.status = $status, ap.resolvedBy = $actorId, ap.resolvedAt = $now, a.reversed = ($status = 'REVERSED')
CREATE (:AuditEntry {id: $auditId, action: 'APPEAL_' + $status, actorId: $actorId, at: $now, subjectId: a.id, details: $reason, groupId: a.groupId})
RETURN a { .id, .action, .targetType, .targetId, .groupId, .subjectUserId } AS action
