// The user's notes, deleted ones included while they are kept, with their topics, group and products.
MATCH (:User {id: $userId})-[:POSTED]->(n:Note)
WHERE $after IS NULL OR n.id > $after
RETURN n.id AS key, n {
  .id, .title, .body, .format, .visibility, .mediaJson, .createdAt, .editedAt, .deletedAt, .modState, .isAnnouncement,
  .likeCount, .collectCount, .commentCount, .shareCount, .viewCount,
  topics: [(n)-[:TAGGED_WITH]->(t:Topic) | t.name],
  groupId: head([(n)-[:POSTED_IN]->(g:Group) | g.id]),
  productIds: [(n)-[:FEATURES]->(p:Product) | p.id]
} AS item
ORDER BY key
LIMIT $limit
