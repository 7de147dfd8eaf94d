// Versions of the commission rates by id (node(id), for admins).
UNWIND $ids AS id
MATCH (r:CommissionRateSet {id: id})
RETURN r { .id, .scope, .scopeId, .version, .levelRatesBps, .rewardDepth, .createdAt, .createdBy, .current } AS rateSet
