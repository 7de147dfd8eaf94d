// Creates a note with its topics (merged by name), featured products and group.
MATCH (author:User {id: $authorId})
CREATE (author)-[:POSTED]->(n:Note {
  id: $id, title: $title, body: $body, format: $format, visibility: $visibility, mediaJson: $mediaJson,
  clientKey: $clientKey, createdAt: $now, editedAt: null, deletedAt: null, modState: $modState, isAnnouncement: $isAnnouncement,
  likeCount: 0, collectCount: 0, commentCount: 0, shareCount: 0, viewCount: 0,
  topicText: trim(reduce(s = '', name IN $topics | s + ' ' + name))
})
SET author.noteCount = coalesce(author.noteCount, 0) + 1
WITH n
CALL (n) {
  UNWIND $topics AS name
  MERGE (t:Topic {name: name})
  ON CREATE SET t.createdAt = $now
  MERGE (n)-[:TAGGED_WITH]->(t)
}
CALL (n) {
  UNWIND $productIds AS productId
  MATCH (p:Product {id: productId})
  MERGE (n)-[:FEATURES]->(p)
}
CALL (n) {
  WITH n WHERE $groupId IS NOT NULL
  MATCH (g:Group {id: $groupId})
  MERGE (n)-[:POSTED_IN]->(g)
}
RETURN n.id AS id
