MATCH (u:User)
WHERE ($search IS NULL OR u.handleLower STARTS WITH $search OR toLower(u.displayName) CONTAINS $search)
RETURN count(u) AS total
