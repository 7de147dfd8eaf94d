// The user's distinct queries, most recently searched first, from after the cursor position.
MATCH (:User {id: $userId})-[s:SEARCHED]->(q:SearchQuery)
WITH q.text AS query, max(s.at) AS at
WHERE $afterAt IS NULL OR at < $afterAt OR (at = $afterAt AND query > $afterQuery)
RETURN query, at
ORDER BY at DESC, query
LIMIT $limit
