// Mutes the folded word $folded for $viewerId (one node per viewer and folded word), or changes
// the scope and end of the same word muted before. Runs after lock-word-owner, in its transaction.
MATCH (viewer:User {id: $viewerId})
MERGE (viewer)-[:MUTES_WORD]->(w:MutedWord {folded: $folded})
SET w.word = $word,
    w.scope = $scope,
    w.createdAt = datetime({epochMillis: $now}),
    w.until = CASE WHEN $until IS NULL THEN null ELSE datetime({epochMillis: $until}) END
RETURN w.word AS word, w.folded AS folded, w.scope AS scope, w.createdAt.epochMillis AS createdAt, w.until.epochMillis AS mutedUntil
