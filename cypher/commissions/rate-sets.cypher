// A page of the rate sets' versions, of one scope (or all): by scope, then scope id, then the
// newest version first. The cursor names the last version read ($afterId); the page is what
// follows it in that order (a version is never deleted, so the position always exists).
OPTIONAL MATCH (c:CommissionRateSet {id: $afterId})
WITH c
MATCH (r:CommissionRateSet)
WHERE ($scope IS NULL OR (r.scope = $scope AND r.scopeId = $scopeId))
  AND ($afterId IS NULL
       OR r.scope > c.scope
       OR (r.scope = c.scope AND (r.scopeId > c.scopeId OR (r.scopeId = c.scopeId AND r.version < c.version))))
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy, .current } AS rateSet
ORDER BY r.scope, r.scopeId, r.version DESC
LIMIT $limit
