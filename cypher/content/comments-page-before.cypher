// A thread level read backwards: top-level comments of a note ($parentId null) or replies to one
// comment, strictly before the cursor in the thread's oldest-first order (older than it), nearest
// the cursor first (the caller reverses them); without a cursor, from the newest end. Deleted comments stay only while they have live replies (shown as deleted), and
// comments by users in a block with the viewer are left out. With $inclusive,
// from the cursor's own row on (to learn whether anything precedes a forward page). The same
// filters as comments-page.cypher, so both directions page the same list.
OPTIONAL MATCH (viewer:User {id: $viewerId})
MATCH (n:Note {id: $noteId})<-[:ON]-(c:Comment)<-[:WROTE]-(author:User)
WHERE CASE WHEN $parentId IS NULL
        THEN NOT EXISTS { (c)-[:REPLY_TO]->(:Comment) }
        ELSE EXISTS { (c)-[:REPLY_TO]->(:Comment {id: $parentId}) } END
  AND (c.deletedAt IS NULL OR c.replyCount > 0)
  AND (c.modState IS NULL OR author.id = $viewerId)
  AND ($viewerId IS NULL OR NOT EXISTS { (author)-[:BLOCKS]-(:User {id: $viewerId}) })
  AND ($beforeKey IS NULL OR c.createdAt < $beforeKey OR (c.createdAt = $beforeKey AND (c.id < $beforeId OR ($inclusive AND c.id = $beforeId))))
WITH n, c, author, viewer
ORDER BY c.createdAt DESC, c.id DESC
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
