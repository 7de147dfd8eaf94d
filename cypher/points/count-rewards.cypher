MATCH (r:Reward) WHERE r.isActive
RETURN count(r) AS total
