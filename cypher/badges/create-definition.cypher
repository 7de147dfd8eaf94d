// A new count badge rule, audited in the same transaction. The key's unique constraint makes a
// second rule of one key fail; created is false when the key was taken.
MERGE (d:BadgeDefinition {key: $key})
  ON CREATE SET d.name = $name, d.iconKey = $iconKey, d.description = $description, d.metric = $metric, d.threshold = $threshold,
    d.createdAt = $now, d.createdBy = $actorId, d._new = true
WITH d, d._new IS NOT NULL AS created
REMOVE d._new
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END |
  CREATE (:AuditEntry {id: $auditId, action: 'CREATE_BADGE_DEFINITION', actorId: $actorId, at: $now, subjectId: $key, details: $details}))
RETURN created, d { .key, .name, .iconKey, .description, .metric, .threshold } AS definition
