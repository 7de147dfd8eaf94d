// Adds a new version of the point rules and makes it current; the old versions stay, and the
// change is audited in the same transaction. The rules' lock node (made by migration 013) is
// locked first, so two admins setting rules at once make two versions one after the other.
MATCH (lock:PointRulesLock {id: 'rules'})
SET lock._lock = true REMOVE lock._lock
WITH lock
OPTIONAL MATCH (previous:PointRuleSet {current: true})
OPTIONAL MATCH (old:PointRuleSet)
WITH previous, max(old.version) AS lastVersion
SET previous.current = false
CREATE (r:PointRuleSet {id: $id, version: coalesce(lastVersion, 0) + 1, rules: $rules, createdAt: $now, createdBy: $actorId, current: true})
CREATE (:AuditEntry {id: $auditId, action: 'SET_POINT_RULES', actorId: $actorId, at: $now, subjectId: $id, details: $rules})
RETURN r { .id, .version, .rules, .createdAt, .createdBy, .current } AS ruleSet
