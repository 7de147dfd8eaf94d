// Topic hits, with how many notes carry each (the relationship count, read from the degree store).
CALL db.index.fulltext.queryNodes('topic_search', $lucene, {limit: $candidates}) YIELD node AS t, score
RETURN t.name AS id, score AS text, coalesce(t.createdAt, 0) AS createdAt, COUNT { (t)<-[:TAGGED_WITH]-() } AS popularity
