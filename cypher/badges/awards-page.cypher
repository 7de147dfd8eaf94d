// A user's badge awards, newest first; the cursor is the last award's time and id.
MATCH (b:BadgeAward {userId: $userId})
WHERE $afterKey IS NULL OR b.awardedAt < $afterKey OR (b.awardedAt = $afterKey AND b.id < $afterId)
RETURN b.id AS id, b.awardedAt AS key
ORDER BY b.awardedAt DESC, b.id DESC
LIMIT $limit
