// Distinct users per query in the current window [$currentFrom, $to) and the one before it
// [$previousFrom, $currentFrom), in buckets; the range reads the searched_bucket index.
MATCH (u:User)-[s:SEARCHED]->(q:SearchQuery)
WHERE s.bucket >= $previousFrom AND s.bucket < $to
WITH q.text AS text, s.bucket >= $currentFrom AS current, count(DISTINCT u) AS users
WHERE users >= $minUsers
RETURN text, current, users
