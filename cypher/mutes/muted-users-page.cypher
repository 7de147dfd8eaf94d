// The users $viewerId mutes now, most recently muted first, strictly after the cursor (mutedAt, id).
MATCH (:User {id: $viewerId})-[m:MUTES]->(u:User)
WHERE (m.until IS NULL OR m.until > datetime())
  AND ($afterKey IS NULL OR m.createdAt.epochMillis < $afterKey OR (m.createdAt.epochMillis = $afterKey AND u.id < $afterId))
WITH m, u
ORDER BY m.createdAt DESC, u.id DESC
LIMIT $limit
RETURN u {
         {{> fragments/user-record}}
       } AS user,
       m.createdAt.epochMillis AS mutedAt,
       m.until.epochMillis AS mutedUntil
