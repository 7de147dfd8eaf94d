// Batch lookup behind the comment DataLoader.
UNWIND $ids AS id
MATCH (author:User)-[:WROTE]->(c:Comment {id: id})-[:ON]->(n:Note)
RETURN c {
  {{> fragments/comment-record}}
} AS comment
