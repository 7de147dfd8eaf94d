MATCH (e:PointEntry {userId: $userId})
RETURN count(e) AS total
