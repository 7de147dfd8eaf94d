// A page of a group's events (Group.events). UPCOMING: those starting at $from or later (the
// last day's included), soonest first; PAST: those that started before $from, latest first. The
// sort key is the start time, negated for PAST so that both pages read ascending; strictly after
// the cursor (afterKey, afterId).
MATCH (e:GroupEvent)-[:OF_GROUP]->(:Group {id: $groupId})
WHERE CASE WHEN $past THEN e.startsAt < $from ELSE e.startsAt >= $from END
WITH e, CASE WHEN $past THEN -e.startsAt ELSE e.startsAt END AS key
WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND e.id > $afterId)
RETURN e.id AS id, key
ORDER BY key, e.id
LIMIT $limit
