// Erased accounts (tombstones kept for orders) are not listed.
MATCH (u:User)
WHERE u.deletedAt IS NULL AND ($search IS NULL OR u.handleLower STARTS WITH $search OR toLower(u.displayName) CONTAINS $search)
RETURN count(u) AS total
