// Adds a new version of a scope's rates and makes it current; the old versions stay, and the
// change is audited in the same transaction.
OPTIONAL MATCH (old:CommissionRateSet {scope: $scope, scopeId: $scopeId})
WITH max(old.version) AS lastVersion
OPTIONAL MATCH (previous:CommissionRateSet {scope: $scope, scopeId: $scopeId, current: true})
SET previous.current = false
WITH lastVersion, previous
CREATE (r:CommissionRateSet {
  id: $id, scope: $scope, scopeId: $scopeId, version: coalesce(lastVersion, 0) + 1,
  levelRatesBps: $levelRatesBps, rewardDepth: $rewardDepth, createdAt: $now, createdBy: $actorId, current: true
})
CREATE (a:AuditEntry {id: $auditId, action: 'SET_COMMISSION_RATES', actorId: $actorId, at: $now, subjectId: $id,
  details: $details})
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy, .current } AS rateSet
