// Mutes $userId for $viewerId until $until (epoch ms; null: until lifted), renewing an existing
// mute's end. The viewer's expired mutes are cleaned up here, lazily: reads ignore them already.
// No row when either user is missing. Nothing is written on the muted user's side: they are not told.
MATCH (viewer:User {id: $viewerId}), (u:User {id: $userId})
CALL (viewer) {
  MATCH (viewer)-[old:MUTES]->(:User)
  WHERE old.until IS NOT NULL AND old.until <= datetime()
  DELETE old
}
MERGE (viewer)-[m:MUTES]->(u)
SET m.createdAt = datetime({epochMillis: $now}),
    m.until = CASE WHEN $until IS NULL THEN null ELSE datetime({epochMillis: $until}) END
RETURN u.id AS id
