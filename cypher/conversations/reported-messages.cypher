// The messages the reports of each case quote, newest first, at most $limit per case. A deleted
// message is its tombstone here as everywhere: its text is not kept.
UNWIND $caseIds AS caseId
MATCH (c:ModerationCase {id: caseId})
CALL (c) {
  MATCH (c)<-[:IN_CASE]-(:Report)-[:QUOTES]->(m:Message)
  WITH DISTINCT m
  ORDER BY m.createdAt DESC, m.id
  LIMIT $limit
  RETURN collect(m {.*}) AS messages
}
RETURN c.id AS caseId, messages
