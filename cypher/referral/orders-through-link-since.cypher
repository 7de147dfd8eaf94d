// Velocity check: orders placed through one link since a moment.
MATCH (o:Order)-[:VIA]->(:ShareLink {code: $code})
WHERE o.createdAt >= $since
RETURN count(o) AS total
