// Note hits: the index's best $candidates matches of $lucene (plain terms only, built by
// src/search/rules.ts), live and within the filters, with what the ranking needs. Visibility is
// not decided here: the service applies the one rule (noteVisibility) to every candidate. Notes by
// authors the viewer mutes, or containing a word they mute on feeds, are left out here (and again
// by the service when a later page reads the snapshot). Without $personalised (the viewer refused
// PERSONALISED_RECOMMENDATIONS) the viewer's social signals are not read: every one is 0.
CALL db.index.fulltext.queryNodes('note_search', $lucene, {limit: $candidates}) YIELD node AS n, score
WHERE n.deletedAt IS NULL
  AND ($format IS NULL OR n.format = $format)
  AND ($topic IS NULL OR EXISTS { (n)-[:TAGGED_WITH]->(:Topic {name: $topic}) })
  AND ($groupId IS NULL OR EXISTS { (n)-[:POSTED_IN]->(:Group {id: $groupId}) })
MATCH (author:User)-[:POSTED]->(n)
OPTIONAL MATCH (viewer:User {id: $viewerId})
WITH n, score, author, viewer, {{> fragments/feed-muted-words}} AS mutedWords
WHERE viewer IS NULL OR viewer = author
   OR NOT ({{> fragments/mutes-user u=author}} OR ({{> fragments/note-has-muted-word words=mutedWords}}))
RETURN n.id AS id, score AS text, n.createdAt AS createdAt,
       n.likeCount AS likes, n.collectCount AS collects, n.commentCount AS comments, n.shareCount AS shares,
       viewer IS NOT NULL AND $personalised AND EXISTS { (viewer)-[:FOLLOWS]->(author) } AS authorFollowed,
       CASE WHEN viewer IS NULL OR NOT $personalised THEN 0 ELSE COUNT { (viewer)-[:FOLLOWS]->(:User)-[:LIKED]->(n) } END AS likedByFollowees,
       CASE WHEN viewer IS NULL OR NOT $personalised THEN 0 ELSE COUNT { (viewer)-[:FOLLOWS]->(:User)-[:COLLECTED]->(n) } END AS collectedByFollowees
