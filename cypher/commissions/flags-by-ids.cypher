// Fraud flags by id (node(id), for growth staff and admins).
UNWIND $ids AS id
MATCH (f:FraudFlag {id: id})
RETURN f { .id, .kind, .reason, .subjectType, .subjectId, .linkCode, .status, .createdAt, .reviewedBy, .reviewedAt } AS flag
