// Creates a share link; a re-share points at the link its sharer came through (RESHARE_OF), and
// carries its depth and root so that cascades and trees need no path search to group by hop.
MATCH (sharer:User {id: $sharerId})
CREATE (sharer)-[:SHARED]->(l:ShareLink {
  code: $code, channel: $channel, targetType: $targetType, targetId: $targetId,
  sharerId: $sharerId, campaign: $campaign, createdAt: $now, depth: $depth, rootCode: coalesce($rootCode, $code)
})
WITH l
CALL (l) {
  CALL () {
    MATCH (t:Note {id: $targetId}) WHERE $targetType = 'NOTE' RETURN t
    UNION
    MATCH (t:Product {id: $targetId}) WHERE $targetType = 'PRODUCT' RETURN t
    UNION
    MATCH (t:Group {id: $targetId}) WHERE $targetType = 'GROUP' RETURN t
  }
  CREATE (l)-[:OF]->(t)
  // A note counts its share links (the sharer is locked by the caller; the note is locked here).
  FOREACH (_ IN CASE WHEN t:Note THEN [1] ELSE [] END | SET t._lock = true REMOVE t._lock SET t.shareCount = t.shareCount + 1)
}
CALL (l) {
  WITH l WHERE $parentCode IS NOT NULL
  MATCH (parent:ShareLink {code: $parentCode})
  CREATE (l)-[:RESHARE_OF]->(parent)
}
RETURN l.code AS code
