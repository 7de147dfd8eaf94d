// A search snapshot of this viewer, while it lives.
MATCH (s:SearchSnapshot {id: $id, viewerKey: $viewerKey}) WHERE s.createdAt >= $expiredBefore
RETURN s.type AS type, s.query AS query, s.ids AS ids, s.scores AS scores, s.reasons AS reasons, s.reasonTexts AS reasonTexts
