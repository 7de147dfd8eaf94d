MATCH (s:FeedSnapshot {id: $id, viewerId: $viewerId})
RETURN s.ids AS ids, s.reasons AS reasons, s.scores AS scores
