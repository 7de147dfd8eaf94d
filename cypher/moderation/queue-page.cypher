// Open cases, most reported first, then oldest first: one group's ($groupId) or all (global).
MATCH (c:ModerationCase {status: 'OPEN'})
WHERE $groupId IS NULL OR c.groupId = $groupId
RETURN c { .id, .kind, .targetType, .targetId, .groupId, .status, .reportCount, .firstReportedAt, .lastReportedAt, .authorId, .matched,
  reasons: [(r:Report)-[:IN_CASE]->(c) | r.reason] } AS case
ORDER BY c.reportCount DESC, c.firstReportedAt, c.id
SKIP $skip LIMIT $limit
