// Skeleton of the following feed: live notes by people the viewer follows, newest first,
// strictly after the cursor (createdAt, id). FOLLOWERS-only notes qualify because the viewer
// follows their author; blocks are excluded here and again by the visibility rules. Authors the
// viewer mutes, and notes containing a word they mute on feeds, are left out (src/mutes/rules.ts).
MATCH (viewer:User {id: $viewerId})
WITH viewer, {{> fragments/feed-muted-words}} AS mutedWords
MATCH (viewer)-[:FOLLOWS]->(author:User)-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL
  AND n.modState IS NULL
  AND NOT EXISTS { MATCH (n)-[:POSTED_IN]->(g:Group) WHERE g.visibility <> 'OPEN' AND NOT EXISTS { (:User {id: $viewerId})-[:MEMBER_OF]->(g) } }
  AND NOT EXISTS { (viewer)-[:BLOCKS]-(author) }
  AND NOT {{> fragments/mutes-user u=author}}
  AND NOT ({{> fragments/note-has-muted-word words=mutedWords}})
  AND ($afterKey IS NULL OR n.createdAt < $afterKey OR (n.createdAt = $afterKey AND n.id < $afterId))
RETURN n.id AS id, n.createdAt AS key
ORDER BY n.createdAt DESC, n.id DESC
LIMIT $limit
