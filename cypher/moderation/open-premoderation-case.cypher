// Puts content held by pre-moderation in the group's queue; content held again (an edit that matches
// while its case is still open) keeps its one open case, with the words of the latest text.
MERGE (c:ModerationCase {kind: 'PREMODERATION', targetType: $targetType, targetId: $targetId, groupId: $groupId, status: 'OPEN'})
ON CREATE SET c.id = $caseId, c.reportCount = 0, c.firstReportedAt = $now, c.authorId = $authorId
SET c.lastReportedAt = $now, c.matched = $matched
RETURN c.id AS caseId
