MATCH (n:Note)
CALL (n) {
  SET n.likeCount = COUNT { (n)<-[:LIKED]-(:User) },
      n.collectCount = COUNT { (n)<-[:COLLECTED]-(:User) },
      n.commentCount = COUNT { MATCH (n)<-[:ON]-(c:Comment) WHERE c.deletedAt IS NULL RETURN c },
      n.shareCount = COUNT { MATCH (l:ShareLink) WHERE l.targetType = 'NOTE' AND l.targetId = n.id RETURN l }
} IN TRANSACTIONS OF 10000 ROWS
