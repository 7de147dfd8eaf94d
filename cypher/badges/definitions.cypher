// The badge rules of some metrics (the ledger's counts, a period ranking).
MATCH (d:BadgeDefinition) WHERE d.metric IN $metrics
RETURN d { .key, .name, .iconKey, .description, .metric, .threshold } AS definition
ORDER BY d.key
