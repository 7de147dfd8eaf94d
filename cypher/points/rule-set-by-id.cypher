MATCH (r:PointRuleSet {id: $id})
RETURN r { .id, .version, .rules, .createdAt, .createdBy, .current } AS ruleSet
