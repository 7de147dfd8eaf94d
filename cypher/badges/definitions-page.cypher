// Every badge rule, by key; the cursor is the last key read. A BADGE reward's own badge is one too.
MATCH (d:BadgeDefinition)
WHERE $afterKey IS NULL OR d.key > $afterKey
RETURN d { .key, .name, .iconKey, .description, .metric, .threshold } AS definition
ORDER BY d.key
LIMIT $limit
