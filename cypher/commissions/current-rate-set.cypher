// The rates that apply to an order: the current set of the campaign of the link it came through,
// else the merchant's, else the global one.
OPTIONAL MATCH (c:CommissionRateSet {scope: 'CAMPAIGN', scopeId: $campaign, current: true})
OPTIONAL MATCH (m:CommissionRateSet {scope: 'MERCHANT', scopeId: $merchantId, current: true})
OPTIONAL MATCH (g:CommissionRateSet {scope: 'GLOBAL', scopeId: 'GLOBAL', current: true})
WITH coalesce(c, m, g) AS r
WHERE r IS NOT NULL
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy } AS rateSet
