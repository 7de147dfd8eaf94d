// Every version of the point rules, newest first; the cursor names the last version read.
MATCH (r:PointRuleSet)
WHERE $afterKey IS NULL OR r.version < $afterKey
RETURN r { .id, .version, .rules, .createdAt, .createdBy, .current } AS ruleSet
ORDER BY r.version DESC
LIMIT $limit
