// Awards badges once each: the key is the user and badge (and period, for a period badge), under
// the key's unique constraint, so two awards at once make one. Returns the awards made now.
UNWIND $awards AS a
MATCH (d:BadgeDefinition {key: a.badgeKey})
MERGE (b:BadgeAward {key: a.key})
  ON CREATE SET b.id = a.id, b.userId = a.userId, b.badgeKey = a.badgeKey, b.period = a.period, b.awardedAt = $now, b.isDisplayed = false
WITH a, b WHERE b.id = a.id
RETURN b.id AS awardId, b.userId AS userId
