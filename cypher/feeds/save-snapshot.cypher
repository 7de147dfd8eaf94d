// Stores one ranking of the discover feed for a viewer, so later pages read the same order and
// never repeat an item; the viewer's snapshots older than $expiredBefore go.
OPTIONAL MATCH (old:FeedSnapshot {viewerId: $viewerId}) WHERE old.createdAt < $expiredBefore
DETACH DELETE old
WITH count(*) AS _
CREATE (:FeedSnapshot {id: $id, viewerId: $viewerId, createdAt: $now, ids: $ids, reasons: $reasons, scores: $scores})
