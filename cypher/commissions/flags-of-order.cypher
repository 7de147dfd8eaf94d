MATCH (f:FraudFlag)-[:FLAGS]->(:Order {id: $orderId})
RETURN f { .id, .kind, .reason, .subjectType, .subjectId, .linkCode, .status, .createdAt, .reviewedBy, .reviewedAt } AS flag
ORDER BY f.createdAt, f.id
