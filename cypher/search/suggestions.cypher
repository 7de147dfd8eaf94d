// Completions of $prefix, in one round trip: topics and handles starting with it (their unique
// indexes serve STARTS WITH), product titles matching $productQuery (its last word as a prefix,
// restricted to titles), and queries at least $minUsers distinct users searched since $since.
// Handles of users in a block with the viewer are left out. At most $limit of each kind, best
// first; the service interleaves the kinds, whose weights are not comparable.
CALL () {
  MATCH (t:Topic) WHERE t.name STARTS WITH $prefix
  WITH t LIMIT 100
  WITH t.name AS text, toFloat(COUNT { (t)<-[:TAGGED_WITH]-() }) AS weight ORDER BY weight DESC, text LIMIT $limit
  RETURN text, 'TOPIC' AS kind, weight
  UNION ALL
  MATCH (u:User) WHERE u.handleLower STARTS WITH $prefix
    AND ($viewerId IS NULL OR NOT EXISTS { (u)-[:BLOCKS]-(:User {id: $viewerId}) })
  WITH u LIMIT 100
  WITH u.handle AS text, toFloat(coalesce(u.followerCount, 0)) AS weight ORDER BY weight DESC, text LIMIT $limit
  RETURN text, 'USER' AS kind, weight
  UNION ALL
  CALL db.index.fulltext.queryNodes('product_search', $productQuery, {limit: $limit}) YIELD node AS p, score
  RETURN p.title AS text, 'PRODUCT' AS kind, score AS weight
  UNION ALL
  MATCH (q:SearchQuery) WHERE q.text STARTS WITH $prefix
  WITH q LIMIT 100
  WITH q, COUNT { MATCH (u:User)-[s:SEARCHED]->(q) WHERE s.bucket >= $since RETURN DISTINCT u } AS users
  WHERE users >= $minUsers
  WITH q.text AS text, toFloat(users) AS weight ORDER BY weight DESC, text LIMIT $limit
  RETURN text, 'QUERY' AS kind, weight
}
RETURN text, kind, weight
