UNWIND $rows AS row
MATCH (a:User {id: row.author})
MERGE (n:Note {id: row.id})
ON CREATE SET n.title = row.title, n.body = row.body, n.format = row.format, n.visibility = row.visibility, n.mediaJson = '[]',
  n.clientKey = null, n.createdAt = row.createdAt, n.editedAt = null, n.deletedAt = null, n.modState = null, n.isAnnouncement = false,
  n.likeCount = 0, n.collectCount = 0, n.commentCount = 0, n.shareCount = 0, n.viewCount = 0,
  n.topicText = trim(reduce(s = '', name IN row.topics | s + ' ' + name))
MERGE (a)-[:POSTED]->(n)
WITH n, row
CALL (n, row) {
  UNWIND row.topics AS name
  MERGE (t:Topic {name: name})
  ON CREATE SET t.createdAt = row.createdAt
  MERGE (n)-[:TAGGED_WITH]->(t)
}
CALL (n, row) {
  UNWIND row.products AS productId
  MATCH (p:Product {id: productId})
  MERGE (n)-[:FEATURES]->(p)
}
CALL (n, row) {
  WITH * WHERE row.groupId IS NOT NULL
  MATCH (g:Group {id: row.groupId})
  MERGE (n)-[:POSTED_IN]->(g)
}
