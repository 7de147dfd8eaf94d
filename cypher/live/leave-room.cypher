// A viewer leaves a room, under its lock; leaving a room one is not in changes nothing.
MATCH (r:LiveRoom {id: $roomId})
SET r._lock = true REMOVE r._lock
WITH r
OPTIONAL MATCH (:User {id: $userId})-[w:WATCHING]->(r)
FOREACH (_ IN CASE WHEN w IS NULL THEN [] ELSE [1] END | SET r.currentViewers = r.currentViewers - 1)
DELETE w
RETURN w IS NOT NULL AS left, r.currentViewers AS currentViewers
