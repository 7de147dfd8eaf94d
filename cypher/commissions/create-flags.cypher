// Records fraud flags on an order or a user; flagged orders are marked so their commissions wait.
UNWIND $flags AS f
OPTIONAL MATCH (o:Order {id: f.subjectId}) WHERE f.subjectType = 'ORDER'
OPTIONAL MATCH (u:User {id: f.subjectId}) WHERE f.subjectType = 'USER'
WITH f, coalesce(o, u) AS subject, o
WHERE subject IS NOT NULL
CREATE (flag:FraudFlag {id: f.id, kind: f.kind, reason: f.reason, subjectType: f.subjectType, subjectId: f.subjectId,
  linkCode: f.linkCode, status: 'OPEN', createdAt: $now, reviewedBy: null, reviewedAt: null})-[:FLAGS]->(subject)
FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | SET o.flagged = true)
RETURN flag.id AS id
