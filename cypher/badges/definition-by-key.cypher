MATCH (d:BadgeDefinition {key: $key})
RETURN d { .key, .name, .iconKey, .description, .metric, .threshold } AS definition
