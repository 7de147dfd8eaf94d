// The badges the user holds.
MATCH (b:BadgeAward {userId: $userId})
WHERE $after IS NULL OR b.id > $after
OPTIONAL MATCH (d:BadgeDefinition {key: b.badgeKey})
RETURN b.id AS key, b { .id, .badgeKey, .period, .awardedAt, .isDisplayed, name: d.name } AS item
ORDER BY key
LIMIT $limit
