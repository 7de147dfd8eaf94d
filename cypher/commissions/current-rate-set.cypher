// The rates that apply to an order: the merchant's current set if it has one, else the global one.
OPTIONAL MATCH (m:CommissionRateSet {scope: 'MERCHANT', scopeId: $merchantId, current: true})
OPTIONAL MATCH (g:CommissionRateSet {scope: 'GLOBAL', scopeId: 'GLOBAL', current: true})
WITH coalesce(m, g) AS r
WHERE r IS NOT NULL
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy } AS rateSet
