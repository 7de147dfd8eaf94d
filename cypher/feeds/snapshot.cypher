// A stored discover ranking; reasonCodes is null on snapshots stored before reasons had codes.
MATCH (s:FeedSnapshot {id: $id, viewerId: $viewerId})
RETURN s.ids AS ids, s.reasonCodes AS reasonCodes, s.reasons AS reasons, s.scores AS scores
