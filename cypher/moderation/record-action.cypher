// Records a moderation action, resolves the case it was taken on (only that one: the same target's
// case in another group, or the platform's, stays open for its own moderators), and audits it. The
// audit entry keeps the target's type, so the log can resolve its subject as a note, comment, user or group.
CREATE (a:ModerationAction {id: $id, action: $action, targetType: $targetType, targetId: $targetId, groupId: $groupId,
  actorId: $actorId, reason: $reason, at: $now, subjectUserId: $subjectUserId, until: $until, reversed: false})
WITH a
OPTIONAL MATCH (c:ModerationCase {id: $caseId, status: 'OPEN'})
SET c.status = CASE WHEN $action = 'DISMISS' THEN 'DISMISSED' ELSE 'RESOLVED' END, c.resolvedAt = $now, c.actionId = $id
WITH a
CREATE (:AuditEntry {id: $auditId, action: 'MODERATION_' + $action, actorId: $actorId, at: $now, subjectId: $targetId,
  subjectType: $targetType, details: $reason, groupId: $groupId})
RETURN a.id AS id
