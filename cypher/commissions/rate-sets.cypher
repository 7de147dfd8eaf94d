// Every version of the rate sets of one scope (or all), newest first.
MATCH (r:CommissionRateSet)
WHERE $scope IS NULL OR (r.scope = $scope AND r.scopeId = $scopeId)
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy, .current } AS rateSet
ORDER BY r.scope, r.scopeId, r.version DESC
LIMIT 200
