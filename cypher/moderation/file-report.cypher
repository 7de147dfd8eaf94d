// Files a report and adds it to the open case for its target in its group (one case per target and
// group; $groupId null is the platform's case, for staff), which the queues order by report count and
// age. The target is write-locked so concurrent reports share a case. A report about a user "in" a
// group never joins the platform's case about them, nor the other way round.
MATCH (reporter:User {id: $reporterId})
CALL {
  MATCH (t:Note {id: $targetId}) WHERE $targetType = 'NOTE' RETURN t
  UNION
  MATCH (t:Comment {id: $targetId}) WHERE $targetType = 'COMMENT' RETURN t
  UNION
  MATCH (t:User {id: $targetId}) WHERE $targetType = 'USER' RETURN t
  UNION
  MATCH (t:Group {id: $targetId}) WHERE $targetType = 'GROUP' RETURN t
  UNION
  MATCH (t:Review {id: $targetId}) WHERE $targetType = 'REVIEW' RETURN t
}
SET t._lock = true REMOVE t._lock
WITH reporter, t
OPTIONAL MATCH (existing:ModerationCase {targetType: $targetType, targetId: $targetId, status: 'OPEN'})
  WHERE coalesce(existing.groupId, '') = coalesce($groupId, '')
WITH reporter, collect(existing) AS existing
FOREACH (_ IN CASE WHEN size(existing) = 0 THEN [1] ELSE [] END |
  CREATE (:ModerationCase {id: $caseId, kind: 'REPORT', targetType: $targetType, targetId: $targetId, groupId: $groupId,
    status: 'OPEN', reportCount: 0, firstReportedAt: $now, lastReportedAt: $now, authorId: $authorId}))
WITH reporter
MATCH (c:ModerationCase {targetType: $targetType, targetId: $targetId, status: 'OPEN'})
  WHERE coalesce(c.groupId, '') = coalesce($groupId, '')
// One report per reporter and case, so a single user cannot push a case up the queue.
CALL (reporter, c) {
  WITH * WHERE NOT EXISTS { (:Report {reporterId: reporter.id})-[:IN_CASE]->(c) }
  CREATE (r:Report {id: $reportId, reason: $reason, details: $details, createdAt: $now, reporterId: reporter.id, groupId: $groupId})-[:IN_CASE]->(c)
  SET c.reportCount = c.reportCount + 1, c.lastReportedAt = $now
}
RETURN c.id AS caseId
