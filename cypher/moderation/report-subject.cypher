// The group and the author behind a report target: a note's group and author, a comment's note's
// group and author, a user, a group, or a review (the platform's: no group).
CALL {
  MATCH (a:User)-[:POSTED]->(n:Note {id: $targetId}) WHERE $targetType = 'NOTE'
  RETURN n.id AS id, a.id AS authorId, head([(n)-[:POSTED_IN]->(g:Group) | g.id]) AS groupId
  UNION
  MATCH (a:User)-[:WROTE]->(c:Comment {id: $targetId})-[:ON]->(n:Note) WHERE $targetType = 'COMMENT'
  RETURN c.id AS id, a.id AS authorId, head([(n)-[:POSTED_IN]->(g:Group) | g.id]) AS groupId
  UNION
  MATCH (u:User {id: $targetId}) WHERE $targetType = 'USER'
  RETURN u.id AS id, u.id AS authorId, $contextGroupId AS groupId
  UNION
  MATCH (g:Group {id: $targetId}) WHERE $targetType = 'GROUP'
  RETURN g.id AS id, null AS authorId, null AS groupId
  UNION
  MATCH (a:User)-[:WROTE_REVIEW]->(r:Review {id: $targetId}) WHERE $targetType = 'REVIEW'
  RETURN r.id AS id, a.id AS authorId, null AS groupId
}
RETURN id, authorId, groupId
