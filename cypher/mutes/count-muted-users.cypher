MATCH (:User {id: $viewerId})-[m:MUTES]->(:User)
WHERE m.until IS NULL OR m.until > datetime()
RETURN count(m) AS total
