// Puts content held by pre-moderation in the group's queue.
CREATE (c:ModerationCase {id: $caseId, kind: 'PREMODERATION', targetType: $targetType, targetId: $targetId, groupId: $groupId,
  status: 'OPEN', reportCount: 0, firstReportedAt: $now, lastReportedAt: $now, authorId: $authorId, matched: $matched})
RETURN c.id AS caseId
