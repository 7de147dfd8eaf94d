// Each node is write-locked before it is counted: the API may be live while an import runs,
// and a follow, like or join committing between the count and the SET would otherwise be lost.
MATCH (n:Note)
CALL (n) {
  SET n._lock = true REMOVE n._lock
  WITH n
  SET n.likeCount = COUNT { (n)<-[:LIKED]-(:User) },
      n.collectCount = COUNT { (n)<-[:COLLECTED]-(:User) },
      n.commentCount = COUNT { MATCH (n)<-[:ON]-(c:Comment) WHERE c.deletedAt IS NULL RETURN c },
      n.shareCount = COUNT { MATCH (l:ShareLink) WHERE l.targetType = 'NOTE' AND l.targetId = n.id RETURN l }
} IN TRANSACTIONS OF 1000 ROWS
