// Stores the discover rankings made since the last batch (src/feeds/snapshots.ts), so later pages
// on any instance read the same order; each of their viewers' snapshots older than $expiredBefore
// goes. One transaction for the batch instead of one per first page.
UNWIND $rows AS row
WITH DISTINCT row.viewerId AS viewerId, collect(row) AS rows
OPTIONAL MATCH (old:FeedSnapshot {viewerId: viewerId}) WHERE old.createdAt < $expiredBefore
DETACH DELETE old
WITH DISTINCT viewerId, rows
UNWIND rows AS row
CREATE (:FeedSnapshot {id: row.id, viewerId: row.viewerId, createdAt: row.createdAt, ids: row.ids, reasonCodes: row.reasonCodes, reasons: row.reasons, scores: [x IN row.scores | toFloat(x)]})
