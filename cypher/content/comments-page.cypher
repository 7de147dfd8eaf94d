// A thread level, oldest first: top-level comments of a note ($parentId null) or replies to one
// comment. Deleted comments stay only while they have live replies (shown as deleted), and
// comments by users in a block with the viewer are left out. Strictly after the cursor (createdAt,
// id); with $inclusive, from the cursor's own row on (to learn whether anything follows a backward page).
OPTIONAL MATCH (viewer:User {id: $viewerId})
MATCH (n:Note {id: $noteId})<-[:ON]-(c:Comment)<-[:WROTE]-(author:User)
WHERE CASE WHEN $parentId IS NULL
        THEN NOT EXISTS { (c)-[:REPLY_TO]->(:Comment) }
        ELSE EXISTS { (c)-[:REPLY_TO]->(:Comment {id: $parentId}) } END
  AND (c.deletedAt IS NULL OR c.replyCount > 0)
  AND (c.modState IS NULL OR author.id = $viewerId)
  AND ($viewerId IS NULL OR NOT EXISTS { (author)-[:BLOCKS]-(:User {id: $viewerId}) })
  AND ($afterKey IS NULL OR c.createdAt > $afterKey OR (c.createdAt = $afterKey AND (c.id > $afterId OR ($inclusive AND c.id = $afterId))))
WITH n, c, author, viewer
ORDER BY c.createdAt, c.id
LIMIT $limit
// Each comment comes with what the comment, user and viewer-relation DataLoaders would otherwise
// fetch in three more round trips, built from the fragments that comments-by-ids.cypher,
// accounts/users-by-ids.cypher and social/relations-to-viewer.cypher are built from.
RETURN c.id AS id, c.createdAt AS key,
       c {
         {{> fragments/comment-record}}
       } AS comment,
       author {
         {{> fragments/user-record u=author}}
       } AS author,
       CASE WHEN viewer IS NULL THEN null ELSE {
         {{> fragments/viewer-relation u=author}}
       } END AS relation
