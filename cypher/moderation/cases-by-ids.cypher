// Moderation cases by id (node(id): their group's moderators and platform admins read them).
UNWIND $ids AS id
MATCH (c:ModerationCase {id: id})
RETURN c { .id, .kind, .targetType, .targetId, .groupId, .status, .reportCount, .firstReportedAt, .lastReportedAt, .authorId, .matched,
  reasons: [(r:Report)-[:IN_CASE]->(c) | r.reason] } AS case
