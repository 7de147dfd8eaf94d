// Badge awards by id, each with its rule's name, description and icon (as the rule reads now).
UNWIND $ids AS id
MATCH (b:BadgeAward {id: id})
MATCH (d:BadgeDefinition {key: b.badgeKey})
RETURN b { .id, .userId, .badgeKey, .period, .awardedAt, .displayPosition, name: d.name, description: d.description, iconKey: d.iconKey } AS badge
