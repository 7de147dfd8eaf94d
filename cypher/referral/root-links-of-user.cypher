// A user's links that start a chain (not re-shares of someone else's link).
MATCH (:User {id: $userId})-[:SHARED]->(l:ShareLink)
WHERE NOT EXISTS { (l)-[:RESHARE_OF]->() }
RETURN collect(l.code) AS codes
