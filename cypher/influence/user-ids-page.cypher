// Users in id order, a page at a time, with their follower counts. Erased accounts (tombstones) have no influence.
MATCH (u:User)
WHERE ($afterId IS NULL OR u.id > $afterId) AND u.deletedAt IS NULL
RETURN u.id AS id, u.followerCount AS followers
ORDER BY u.id
LIMIT $limit
