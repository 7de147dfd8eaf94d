// Group hits that are not archived; SECRET groups are left to the service's visibility check.
CALL db.index.fulltext.queryNodes('group_search', $lucene, {limit: $candidates}) YIELD node AS g, score
WHERE g.archivedAt IS NULL
RETURN g.id AS id, score AS text, g.createdAt AS createdAt, coalesce(g.memberCount, 0) AS popularity
