// Locks the viewer before their muted words are counted and changed, so two muteWord calls at once
// cannot both pass the limit; their expired words are cleaned up here, lazily (reads ignore them).
// Returns how many live words they mute and whether $folded is one of them; no row for no user.
MATCH (viewer:User {id: $viewerId})
SET viewer._lock = true
REMOVE viewer._lock
WITH viewer
CALL (viewer) {
  MATCH (viewer)-[:MUTES_WORD]->(old:MutedWord)
  WHERE old.until IS NOT NULL AND old.until <= datetime()
  DETACH DELETE old
}
RETURN COUNT { (viewer)-[:MUTES_WORD]->(:MutedWord) } AS live,
       EXISTS { (viewer)-[:MUTES_WORD]->(:MutedWord {folded: $folded}) } AS existing
