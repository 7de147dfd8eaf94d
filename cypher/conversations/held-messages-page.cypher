// Messages held by the sensitive-word check, oldest first: the platform moderators' queue of them.
MATCH (m:Message {status: 'HELD'})
WHERE $afterKey IS NULL OR m.createdAt > $afterKey OR (m.createdAt = $afterKey AND m.id > $afterId)
WITH m ORDER BY m.createdAt, m.id LIMIT $limit
RETURN m {.*} AS message
