// Users in id order, a page at a time, with their follower counts.
MATCH (u:User)
WHERE $afterId IS NULL OR u.id > $afterId
RETURN u.id AS id, u.followerCount AS followers
ORDER BY u.id
LIMIT $limit
