// Skeleton of the following feed for a viewer who follows many accounts (FEED_WIDE_FOLLOWS): the
// same notes in the same order as following-feed.cypher, found the other way round. Expanding every
// followee's notes touches all of them before sorting (373,000 db hits and 142 ms of Neo4j CPU a
// page for 2,006 follows on the medium dataset); walking the createdAt index newest first and
// keeping the notes whose author the viewer follows stops after the first $limit (26,000 db hits),
// because that many followees post a good share of what is new.
// The walk is bounded: it looks at most at the $scanCap newest notes up to the cursor, so the
// window is exactly (floor, upTo] with floor the oldest time in it (ties at the floor are left to
// the other query). Fewer than $limit rows means the window held too few: the repository then
// asks following-feed.cypher, so the page is always exact. Mutes apply as there (src/mutes/rules.ts).
MATCH (viewer:User {id: $viewerId})
WITH viewer, {{> fragments/feed-muted-words}} AS mutedWords
CALL () {
  MATCH (w:Note)
  WHERE w.createdAt <= $upToKey
  WITH w.createdAt AS at ORDER BY at DESC LIMIT $scanCap
  WITH min(at) AS oldest, count(*) AS scanned
  RETURN CASE WHEN scanned < $scanCap THEN -1 ELSE oldest END AS floor
}
CALL (viewer, mutedWords, floor) {
  MATCH (n:Note)
  USING INDEX n:Note(createdAt)
  WHERE n.createdAt <= $upToKey AND n.createdAt > floor
    AND ($afterKey IS NULL OR n.createdAt < $afterKey OR n.id < $afterId)
    AND n.deletedAt IS NULL
    AND n.modState IS NULL
  WITH n ORDER BY n.createdAt DESC
  WHERE EXISTS { MATCH (viewer)-[:FOLLOWS]->(author:User)-[:POSTED]->(n) WHERE NOT EXISTS { (viewer)-[:BLOCKS]-(author) } AND NOT {{> fragments/mutes-user u=author}} }
    AND NOT ({{> fragments/note-has-muted-word words=mutedWords}})
    AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (viewer)-[:MEMBER_OF]->(g) } }
  RETURN n
  ORDER BY n.createdAt DESC, n.id DESC
  LIMIT $limit
}
RETURN n.id AS id, n.createdAt AS key
ORDER BY key DESC, id DESC
