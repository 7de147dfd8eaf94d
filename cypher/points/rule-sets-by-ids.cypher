// Versions of the point rules by id (node(id), for admins).
UNWIND $ids AS id
MATCH (r:PointRuleSet {id: id})
RETURN r { .id, .version, .rules, .createdAt, .createdBy, .current } AS ruleSet
