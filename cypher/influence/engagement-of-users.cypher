// Per user: engagement on their live notes, each note decayed by its age (half-life in ms).
UNWIND $ids AS id
MATCH (:User {id: id})-[:POSTED]->(n:Note)
WHERE n.deletedAt IS NULL
RETURN id, sum((n.likeCount + n.collectCount + 4 * n.commentCount + 4 * n.shareCount) * exp(-0.6931471805599453 * ($now - n.createdAt) / $halfLifeMs)) AS engagement
