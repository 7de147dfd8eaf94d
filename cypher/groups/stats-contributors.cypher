// Members' contributions in the period: posts, comments and likes their group posts received, and
// group invites they sent. Not their purchases: who bought what is private (README, Privacy); the
// group's orders are counted as a whole in stats-orders.
MATCH (u:User)-[:MEMBER_OF]->(g:Group {id: $groupId})
WITH u, g,
  COUNT { MATCH (u)-[:POSTED]->(n:Note)-[:POSTED_IN]->(g) WHERE n.createdAt >= $from AND n.createdAt < $to AND n.deletedAt IS NULL RETURN n } AS posts,
  COUNT { MATCH (c:Comment)-[:ON]->(n2:Note)<-[:POSTED]-(u) WHERE (n2)-[:POSTED_IN]->(g) AND c.createdAt >= $from AND c.createdAt < $to AND c.deletedAt IS NULL RETURN c } AS commentsReceived,
  COUNT { MATCH (:User)-[l:LIKED]->(n3:Note)<-[:POSTED]-(u) WHERE (n3)-[:POSTED_IN]->(g) AND l.at >= $from AND l.at < $to RETURN l } AS likesReceived,
  COUNT { MATCH (:User)-[i:INVITED_TO]->(g) WHERE i.byId = u.id AND i.at >= $from AND i.at < $to RETURN i } +
    COUNT { MATCH (v:User)-[j:JOINED]->(g) WHERE j.via = u.id AND j.at >= $from AND j.at < $to RETURN j } AS invites
RETURN u.id AS userId, posts, commentsReceived, likesReceived, invites, 0 AS purchases
