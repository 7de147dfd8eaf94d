MATCH (r:PointRuleSet)
RETURN count(r) AS total
