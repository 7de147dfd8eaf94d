// Candidates for the discover feed, with the features the ranking needs. Candidates come from
// four cheap sources (recent notes, notes recently engaged with, notes people the viewer follows
// engaged with or, for mutual follows who allow it, bought, notes in the viewer's topics), each
// bounded, then merged. Notes the viewer wrote, cannot see (deleted, FOLLOWERS-only without following, blocks either way) are
// left out, and so are notes by authors the viewer mutes or containing a word they mute on feeds
// (src/mutes/rules.ts; later pages check both again). Engagement counts are the stored exact counts.
// Without $personalised (the viewer refused PERSONALISED_RECOMMENDATIONS) only the two public
// sources run ($topics is empty) and no followee signal is read: the three counts are 0.
MATCH (viewer:User {id: $viewerId})
WITH viewer, {{> fragments/feed-muted-words}} AS mutedWords,
     // The mutual follows who allow it (as in friendsWhoBought), read once for the purchase source
     // and the per-candidate count, not once per candidate.
     CASE WHEN $personalised THEN COLLECT {
       MATCH (viewer)-[:FOLLOWS]->(f:User)
       WHERE EXISTS { (f)-[:FOLLOWS]->(viewer) } AND coalesce(f.showPurchasesToFriends, true)
       RETURN DISTINCT f
     } ELSE [] END AS friends
CALL (viewer, friends) {
  MATCH (n:Note) WHERE n.createdAt >= $since AND n.createdAt <= $asOf
  WITH n ORDER BY n.createdAt DESC LIMIT $perSource
  RETURN n
  UNION
  MATCH ()-[l:LIKED]->(n:Note) WHERE l.at >= $since
  WITH n, count(*) AS recent ORDER BY recent DESC LIMIT $perSource
  RETURN n
  UNION
  MATCH (viewer)-[:FOLLOWS]->(:User)-[:LIKED|COLLECTED]->(n:Note) WHERE $personalised
  RETURN DISTINCT n LIMIT $perSource
  UNION
  // Purchases show only between mutual follows who allow it (as in friendsWhoBought).
  UNWIND friends AS f
  MATCH (f)-[:PLACED]->(o:Order {status: 'PLACED'})-[:CONTAINS]->(:Product)<-[:FEATURES]-(n:Note)
  RETURN DISTINCT n LIMIT $perSource
  UNION
  // The newest notes in the viewer's topics, walking the createdAt index from now backwards and
  // stopping at $perSource: a popular topic's whole history is never expanded.
  MATCH (n:Note) WHERE n.createdAt >= $since AND n.createdAt <= $asOf
    AND EXISTS { (n)-[:TAGGED_WITH]->(t:Topic) WHERE t.name IN $topics }
  WITH n ORDER BY n.createdAt DESC LIMIT $perSource
  RETURN n
}
MATCH (author:User)-[:POSTED]->(n)
WHERE n.deletedAt IS NULL AND n.modState IS NULL AND n.createdAt <= $asOf
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (viewer)-[:MEMBER_OF]->(g) } }
  AND author <> viewer
  AND NOT EXISTS { (viewer)-[:BLOCKS]-(author) }
  AND NOT {{> fragments/mutes-user u=author}}
  AND NOT ({{> fragments/note-has-muted-word words=mutedWords}})
  AND (n.visibility = 'PUBLIC' OR EXISTS { (viewer)-[:FOLLOWS]->(author) })
RETURN n.id AS id, author.id AS authorId, n.createdAt AS createdAt,
       n.likeCount AS likes, n.collectCount AS collects, n.commentCount AS comments, n.shareCount AS shares,
       [(n)-[:TAGGED_WITH]->(t:Topic) | t.name] AS topics,
       // Each count walks the smaller side: the note's likers (or collectors), checking whether the
       // viewer follows each, or the viewer's followees, checking whether each liked it.
       CASE WHEN NOT $personalised THEN 0
            WHEN n.likeCount <= viewer.followingCount THEN COUNT { (n)<-[:LIKED]-(f:User) WHERE EXISTS { (viewer)-[:FOLLOWS]->(f) } }
            ELSE COUNT { (viewer)-[:FOLLOWS]->(f:User)-[:LIKED]->(n) } END AS likedByFollowees,
       CASE WHEN NOT $personalised THEN 0
            WHEN n.collectCount <= viewer.followingCount THEN COUNT { (n)<-[:COLLECTED]-(f:User) WHERE EXISTS { (viewer)-[:FOLLOWS]->(f) } }
            ELSE COUNT { (viewer)-[:FOLLOWS]->(f:User)-[:COLLECTED]->(n) } END AS collectedByFollowees,
       size([f IN friends WHERE EXISTS { (f)-[:PLACED]->(:Order {status: 'PLACED'})-[:CONTAINS]->(:Product)<-[:FEATURES]-(n) }]) AS boughtByFollowees
