// The operator's `npm run admin`: sets the role of the account with this handle or email (both
// compared lower-cased) and audits it as done by the operator, not by an account. With $from set,
// only an account that has that role changes (--revoke does not demote a merchant).
CALL {
  MATCH (u:User {emailLower: $login}) RETURN u
  UNION
  MATCH (u:User {handleLower: $login}) RETURN u
}
WITH u LIMIT 1
WITH u, u.role AS previousRole, ($from IS NULL OR u.role = $from) AS applies
FOREACH (_ IN CASE WHEN applies THEN [1] ELSE [] END |
  SET u.role = $role, u.updatedAt = $now
  CREATE (:AuditEntry {id: $auditId, action: 'SET_ROLE', actorId: 'operator', at: $now, subjectId: u.id, details: $role})
)
RETURN u.id AS id, u.handle AS handle, u.email AS email, previousRole, u.role AS role, applies AS changed
