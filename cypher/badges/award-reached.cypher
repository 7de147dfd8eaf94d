// A count badge rule made or lowered now awards everyone whose ledger count already reaches it
// (the ledger awards the others when their count crosses it), once each (the award key's MERGE).
// $property is the account's counter of the metric (src/badges/rules.ts), never client text.
MATCH (a:PointAccount) WHERE a[$property] >= $threshold
MERGE (b:BadgeAward {key: a.userId + ':' + $badgeKey})
  ON CREATE SET b.id = randomUUID(), b.userId = a.userId, b.badgeKey = $badgeKey, b.period = null, b.awardedAt = $now, b.isDisplayed = false, b._new = true
WITH b, b._new IS NOT NULL AS created
REMOVE b._new
WITH b WHERE created
RETURN b.id AS awardId, b.userId AS userId
