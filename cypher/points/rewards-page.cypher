// The rewards on offer, cheapest first; the cursor is the last reward's cost and id.
MATCH (r:Reward) WHERE r.isActive
  AND ($afterKey IS NULL OR r.costPoints > $afterKey OR (r.costPoints = $afterKey AND r.id > $afterId))
RETURN r.id AS id, r.costPoints AS key
ORDER BY r.costPoints, r.id
LIMIT $limit
