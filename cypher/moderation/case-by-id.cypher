MATCH (c:ModerationCase {id: $id})
RETURN c { .id, .kind, .targetType, .targetId, .groupId, .status, .reportCount, .firstReportedAt, .lastReportedAt, .authorId, .matched,
  reasons: [(r:Report)-[:IN_CASE]->(c) | r.reason] } AS case
