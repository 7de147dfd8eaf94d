// An admin approves or rejects an open flag; the review is audited. Write-locks the flag and then
// the order it flags (the lock cancelOrder and refundOrder take first), so the order's status and
// commissions read after this are final until the review commits: a cancellation racing the
// review either happened before (and is seen) or waits. Returns the order, its status and how
// many open flags it still has.
MATCH (f:FraudFlag {id: $id})
SET f._lock = true REMOVE f._lock
WITH f WHERE f.status = 'OPEN'
OPTIONAL MATCH (f)-[:FLAGS]->(o:Order)
SET o._lock = true REMOVE o._lock
SET f.status = $status, f.reviewedBy = $actorId, f.reviewedAt = $now
CREATE (:AuditEntry {id: $auditId, action: 'REVIEW_FRAUD_FLAG', actorId: $actorId, at: $now, subjectId: f.id, details: $status})
RETURN f.id AS id, o.id AS orderId, o.status AS orderStatus,
       CASE WHEN o IS NULL THEN 0 ELSE COUNT { (other:FraudFlag)-[:FLAGS]->(o) WHERE other.status = 'OPEN' } END AS openFlags
