// Creates a share link; a re-share points at the link its sharer came through (RESHARE_OF), and
// carries its depth and root so that cascades and trees need no path search to group by hop.
MATCH (sharer:User {id: $sharerId})
CREATE (sharer)-[:SHARED]->(l:ShareLink {
  code: $code, channel: $channel, targetType: $targetType, targetId: $targetId,
  sharerId: $sharerId, campaign: $campaign, createdAt: $now, depth: $depth, rootCode: coalesce($rootCode, $code)
})
WITH l
CALL (l) {
  MATCH (t) WHERE (t:Note OR t:Product OR t:Group) AND t.id = $targetId
    AND ((t:Note AND $targetType = 'NOTE') OR (t:Product AND $targetType = 'PRODUCT') OR (t:Group AND $targetType = 'GROUP'))
  CREATE (l)-[:OF]->(t)
}
CALL (l) {
  WITH l WHERE $parentCode IS NOT NULL
  MATCH (parent:ShareLink {code: $parentCode})
  CREATE (l)-[:RESHARE_OF]->(parent)
}
RETURN l.code AS code
