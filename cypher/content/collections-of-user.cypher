// A page of a user's collections, default first, then by creation time; counts leave deleted notes
// out. The compound order (default first, then createdAt, then id) is one keyset key: -1 for the
// default collection, its createdAt for the others, with the id as tie-breaker; strictly after
// the cursor (afterKey, afterId).
MATCH (u:User {id: $userId})-[:OWNS]->(c:Collection)
WITH u, c, CASE WHEN c.isDefault THEN -1 ELSE c.createdAt END AS key
WHERE $afterKey IS NULL OR key > $afterKey OR (key = $afterKey AND c.id > $afterId)
RETURN c.id AS id, key,
       c { .id, .name, .isDefault, .createdAt, ownerId: u.id,
             noteCount: COUNT { (c)-[:CONTAINS]->(m:Note) WHERE m.deletedAt IS NULL } } AS collection
ORDER BY key, c.id
LIMIT $limit
