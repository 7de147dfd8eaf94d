// The rule set in force: the newest version (none until an admin sets one).
MATCH (r:PointRuleSet {current: true})
RETURN r { .id, .version, .rules, .createdAt, .createdBy, .current } AS ruleSet
