// Fraud flags for admins, newest first, optionally by status.
MATCH (f:FraudFlag)
WHERE ($status IS NULL OR f.status = $status)
  AND ($afterKey IS NULL OR f.createdAt < $afterKey OR (f.createdAt = $afterKey AND f.id < $afterId))
RETURN f { .id, .kind, .reason, .subjectType, .subjectId, .linkCode, .status, .createdAt, .reviewedBy, .reviewedAt } AS flag
ORDER BY f.createdAt DESC, f.id DESC
LIMIT $limit
