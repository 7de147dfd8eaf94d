MATCH (n:Note {id: $noteId})<-[:ON]-(c:Comment)<-[:WROTE]-(author:User)
WHERE CASE WHEN $parentId IS NULL
        THEN NOT EXISTS { (c)-[:REPLY_TO]->(:Comment) }
        ELSE EXISTS { (c)-[:REPLY_TO]->(:Comment {id: $parentId}) } END
  AND (c.deletedAt IS NULL OR c.replyCount > 0)
  AND (c.modState IS NULL OR author.id = $viewerId)
  AND ($viewerId IS NULL OR NOT EXISTS { (author)-[:BLOCKS]-(:User {id: $viewerId}) })
RETURN count(c) AS total
