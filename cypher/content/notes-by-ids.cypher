// Batch lookup behind the note DataLoader. Deleted notes are returned too: the visibility rules
// drop them, and moderation still needs them.
UNWIND $ids AS id
MATCH (author:User)-[:POSTED]->(n:Note {id: id})
RETURN n {
  .id, .title, .body, .format, .visibility, .mediaJson, .createdAt, .editedAt, .deletedAt,
  .likeCount, .collectCount, .commentCount, .shareCount, .viewCount, .modState, .isAnnouncement,
  authorId: author.id,
  groupId: head([(n)-[:POSTED_IN]->(g:Group) | g.id]),
  topics: [(n)-[:TAGGED_WITH]->(t:Topic) | t.name],
  productIds: [(n)-[:FEATURES]->(p:Product) | p.id]
} AS note
