// How many versions of the rate sets there are, of one scope or all (commissionRateSets' totalCount).
MATCH (r:CommissionRateSet)
WHERE $scope IS NULL OR (r.scope = $scope AND r.scopeId = $scopeId)
RETURN count(r) AS total
