MATCH (f:FraudFlag {id: $id})
RETURN f { .id, .kind, .reason, .subjectType, .subjectId, .linkCode, .status, .createdAt, .reviewedBy, .reviewedAt } AS flag
