// Share links keep the app's shape: sharer, target, parent link, depth and root.
UNWIND $rows AS row
MATCH (s:User {id: row.sharer})
OPTIONAL MATCH (parent:ShareLink {code: row.parentCode})
MERGE (l:ShareLink {code: row.code})
ON CREATE SET l.channel = row.channel, l.targetType = row.targetType, l.targetId = row.targetId, l.sharerId = s.id,
  l.campaign = null, l.createdAt = row.createdAt,
  l.depth = CASE WHEN parent IS NULL THEN 0 ELSE parent.depth + 1 END,
  l.rootCode = CASE WHEN parent IS NULL THEN row.code ELSE parent.rootCode END
MERGE (s)-[:SHARED]->(l)
WITH l, parent, row
CALL (l, parent) {
  WITH * WHERE parent IS NOT NULL
  MERGE (l)-[:RESHARE_OF]->(parent)
}
CALL (l, row) {
  CALL (row) {
    MATCH (t:Note {id: row.targetId}) WHERE row.targetType = 'NOTE' RETURN t
    UNION
    MATCH (t:Product {id: row.targetId}) WHERE row.targetType = 'PRODUCT' RETURN t
    UNION
    MATCH (t:Group {id: row.targetId}) WHERE row.targetType = 'GROUP' RETURN t
  }
  MERGE (l)-[:OF]->(t)
}
