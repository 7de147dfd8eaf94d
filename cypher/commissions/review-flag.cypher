// An admin approves or rejects an open flag; the review is audited. Returns the order it flags
// and how many open flags that order still has.
MATCH (f:FraudFlag {id: $id})
SET f._lock = true REMOVE f._lock
WITH f WHERE f.status = 'OPEN'
SET f.status = $status, f.reviewedBy = $actorId, f.reviewedAt = $now
CREATE (:AuditEntry {id: $auditId, action: 'REVIEW_FRAUD_FLAG', actorId: $actorId, at: $now, subjectId: f.id, details: $status})
WITH f
OPTIONAL MATCH (f)-[:FLAGS]->(o:Order)
RETURN f.id AS id, o.id AS orderId,
       CASE WHEN o IS NULL THEN 0 ELSE COUNT { (other:FraudFlag)-[:FLAGS]->(o) WHERE other.status = 'OPEN' } END AS openFlags
