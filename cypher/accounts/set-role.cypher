// Changes a user's role and audits who did it.
MATCH (u:User {id: $id})
SET u.role = $role, u.updatedAt = $now
CREATE (:AuditEntry {id: $auditId, action: 'SET_ROLE', actorId: $actorId, at: $now, subjectId: $id, details: $role})
RETURN u { {{> fragments/user-record}} } AS user
