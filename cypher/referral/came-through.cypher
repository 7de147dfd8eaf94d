// The link through which the sharer first opened this target (someone else's link), which
// becomes the parent of the sharer's own link.
MATCH (:User {id: $sharerId})-[:MADE]->(v:Visit)-[:OF_LINK]->(l:ShareLink {targetType: $targetType, targetId: $targetId})
WHERE l.sharerId <> $sharerId
RETURN l.code AS code, l.depth AS depth, l.rootCode AS rootCode
ORDER BY v.at, v.id
LIMIT 1
