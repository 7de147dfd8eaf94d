// Pins or unpins an announcement; at most 5 stay pinned, newest pin first.
MATCH (g:Group {id: $groupId})
SET g._lock = true REMOVE g._lock
WITH g, [x IN coalesce(g.pinnedNoteIds, []) WHERE x <> $noteId] AS others
SET g.pinnedNoteIds = CASE WHEN $pin THEN ([$noteId] + others)[0..5] ELSE others END
RETURN g.pinnedNoteIds AS pinned
