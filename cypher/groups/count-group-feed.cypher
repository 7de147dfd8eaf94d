MATCH (n:Note)-[:POSTED_IN]->(:Group {id: $groupId})
WHERE n.deletedAt IS NULL AND n.modState IS NULL
RETURN count(n) AS total
