// User hits; blocks either way are left out by the service, through the viewer-relation loader.
CALL db.index.fulltext.queryNodes('user_search', $lucene, {limit: $candidates}) YIELD node AS u, score
OPTIONAL MATCH (viewer:User {id: $viewerId})
RETURN u.id AS id, score AS text, u.createdAt AS createdAt, coalesce(u.followerCount, 0) AS followers,
       viewer IS NOT NULL AND EXISTS { (viewer)-[:FOLLOWS]->(u) } AS followed,
       CASE WHEN viewer IS NULL THEN 0 ELSE COUNT { (viewer)-[:FOLLOWS]->(:User)-[:FOLLOWS]->(u) } END AS followedByFollowees
