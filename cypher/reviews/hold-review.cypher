// A review held by the sensitive-word check waits in the platform's queue (groupId null: admins
// handle it) as a PREMODERATION case, opened in the transaction that stores the review.
CREATE (c:ModerationCase {id: $caseId, kind: 'PREMODERATION', targetType: 'REVIEW', targetId: $reviewId, groupId: null, status: 'OPEN',
  reportCount: 0, firstReportedAt: $now, lastReportedAt: $now, authorId: $authorId, matched: $matched})
RETURN c.id AS caseId
