// Users whose TOTP secret (or secret being enrolled) is not sealed by the current key: stored in
// plaintext before encryption, or sealed by a previous key. Paged by id; only $userIds when given.
MATCH (u:User)
WHERE u.id > $afterId AND ($userIds IS NULL OR u.id IN $userIds)
  AND ((u.twoFactorSecret IS NOT NULL AND NOT u.twoFactorSecret STARTS WITH $prefix)
    OR (u.twoFactorPendingSecret IS NOT NULL AND NOT u.twoFactorPendingSecret STARTS WITH $prefix))
RETURN u.id AS id, u.twoFactorSecret AS secret, u.twoFactorPendingSecret AS pendingSecret
ORDER BY u.id
LIMIT $limit
