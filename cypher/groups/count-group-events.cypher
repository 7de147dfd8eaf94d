// How many events one window of Group.events holds (its totalCount): see group-events.
MATCH (e:GroupEvent)-[:OF_GROUP]->(:Group {id: $groupId})
WHERE CASE WHEN $past THEN e.startsAt < $from ELSE e.startsAt >= $from END
RETURN count(e) AS total
