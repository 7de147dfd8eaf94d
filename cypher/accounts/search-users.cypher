// Users whose handle starts with, or whose display name contains, $search (lower-cased; null
// lists everyone), in handle order, from after the cursor position.
MATCH (u:User)
WHERE u.deletedAt IS NULL AND ($search IS NULL OR u.handleLower STARTS WITH $search OR toLower(u.displayName) CONTAINS $search)
  AND ($afterKey IS NULL OR u.handleLower > $afterKey)
RETURN u { {{> fragments/user-record}} } AS user
ORDER BY u.handleLower
LIMIT $limit
