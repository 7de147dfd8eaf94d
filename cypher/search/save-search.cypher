// Stores one ranking of a search as a snapshot, so later pages read the same order (and never
// repeat or skip a hit however scores move), drops the viewer's expired snapshots, and records
// the search in the signed-in user's history: one SEARCHED per user, query and 10-minute bucket,
// so trends count distinct users and one user searching again only moves `at`.
// At most 100 expired snapshots go per search, so no search pays for a long backlog at once
// (anonymous searches share one viewerKey).
OPTIONAL MATCH (old:SearchSnapshot {viewerKey: $viewerKey}) WHERE old.createdAt < $expiredBefore
WITH old LIMIT 100
DETACH DELETE old
WITH count(*) AS _
CREATE (:SearchSnapshot {id: $id, viewerKey: $viewerKey, createdAt: $now, type: $type, query: $query, ids: $ids, scores: $scores, reasons: $reasons, reasonTexts: $reasonTexts})
WITH 1 AS _
CALL () {
  MATCH (u:User {id: $userId})
  MERGE (q:SearchQuery {text: $query})
  MERGE (u)-[s:SEARCHED {bucket: $bucket}]->(q)
  SET s.at = $now
}
RETURN true AS saved
