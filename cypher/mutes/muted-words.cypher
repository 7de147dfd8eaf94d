// The words $viewerId mutes now (at most 100 live ones), most recently muted first.
MATCH (:User {id: $viewerId})-[:MUTES_WORD]->(w:MutedWord)
WHERE w.until IS NULL OR w.until > datetime()
RETURN w.word AS word, w.folded AS folded, w.scope AS scope, w.createdAt.epochMillis AS createdAt, w.until.epochMillis AS mutedUntil
ORDER BY w.createdAt DESC, w.folded
