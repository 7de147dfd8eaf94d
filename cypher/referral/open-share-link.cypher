// Records a visit through a link, by a signed-in user ($userId) or an anonymous visitor id.
MATCH (l:ShareLink {code: $code})
CREATE (v:Visit {id: $id, at: $now, visitorId: $visitorId, userId: $userId})-[:OF_LINK]->(l)
WITH l, v
CALL (v) {
  WITH v WHERE $userId IS NOT NULL
  MATCH (u:User {id: $userId})
  CREATE (u)-[:MADE]->(v)
}
RETURN l.code AS code, l.sharerId AS sharerId
