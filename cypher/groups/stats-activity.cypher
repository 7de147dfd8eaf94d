// Per day in the period: group posts, comments and likes on group posts, and who did them.
MATCH (g:Group {id: $groupId})
CALL (g) {
  MATCH (a:User)-[:POSTED]->(n:Note)-[:POSTED_IN]->(g)
  WHERE n.createdAt >= $from AND n.createdAt < $to AND n.deletedAt IS NULL
  RETURN 'POST' AS kind, a.id AS userId, n.createdAt AS at
  UNION ALL
  MATCH (a:User)-[:WROTE]->(c:Comment)-[:ON]->(:Note)-[:POSTED_IN]->(g)
  WHERE c.createdAt >= $from AND c.createdAt < $to AND c.deletedAt IS NULL
  RETURN 'COMMENT' AS kind, a.id AS userId, c.createdAt AS at
  UNION ALL
  MATCH (a:User)-[l:LIKED]->(:Note)-[:POSTED_IN]->(g)
  WHERE l.at >= $from AND l.at < $to
  RETURN 'LIKE' AS kind, a.id AS userId, l.at AS at
}
RETURN kind, userId, at
