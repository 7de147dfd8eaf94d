// Changes a badge rule's words, icon or threshold (null keeps each), write-locked, audited in the
// same transaction. Only a count rule's threshold moves ($countMetrics): for another rule,
// thresholdRefused is true and the caller rolls the change back. Returns the rule as it now is and
// the threshold before, or nothing for an unknown key.
MATCH (d:BadgeDefinition {key: $key})
SET d._lock = true REMOVE d._lock
WITH d, d.threshold AS before, ($threshold IS NOT NULL AND NOT d.metric IN $countMetrics) AS thresholdRefused
SET d.name = coalesce($name, d.name), d.iconKey = coalesce($iconKey, d.iconKey), d.description = coalesce($description, d.description),
    d.threshold = coalesce($threshold, d.threshold), d.updatedAt = $now, d.updatedBy = $actorId
CREATE (:AuditEntry {id: $auditId, action: 'UPDATE_BADGE_DEFINITION', actorId: $actorId, at: $now, subjectId: $key, details: $details})
RETURN before, thresholdRefused, d { .key, .name, .iconKey, .description, .metric, .threshold } AS definition
