// One version of a rate set, for an idempotent retry of setCommissionRates.
MATCH (r:CommissionRateSet {id: $id})
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy, .current } AS rateSet
