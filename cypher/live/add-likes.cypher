// Adds the likes one instance gathered since its last write, room by room and minute by minute:
// likes are counted in memory per click (src/live/likes.ts) and stored as sums, never one per click.
UNWIND $batches AS b
MATCH (r:LiveRoom {id: b.roomId})
SET r._lock = true REMOVE r._lock
WITH b, r
SET r.likeCount = r.likeCount + b.likes
MERGE (r)-[:MINUTE]->(m:LiveMinute {roomId: r.id, minute: b.minute})
ON CREATE SET m.peakViewers = r.currentViewers, m.joins = 0, m.comments = 0, m.likes = 0
SET m.likes = m.likes + b.likes
