// User hits; blocks either way are left out by the service, through the viewer-relation loader.
// Without $personalised (the viewer refused PERSONALISED_RECOMMENDATIONS) the social signals are not read.
CALL db.index.fulltext.queryNodes('user_search', $lucene, {limit: $candidates}) YIELD node AS u, score
// An erased account (a tombstone kept for orders) is nobody to find.
WITH u, score WHERE u.deletedAt IS NULL
OPTIONAL MATCH (viewer:User {id: $viewerId})
RETURN u.id AS id, score AS text, u.createdAt AS createdAt, coalesce(u.followerCount, 0) AS followers,
       viewer IS NOT NULL AND $personalised AND EXISTS { (viewer)-[:FOLLOWS]->(u) } AS followed,
       CASE WHEN viewer IS NULL OR NOT $personalised THEN 0 ELSE COUNT { (viewer)-[:FOLLOWS]->(:User)-[:FOLLOWS]->(u) } END AS followedByFollowees
