// Replaces the sensitive-word list, audited.
OPTIONAL MATCH (old:SensitiveWord)
DELETE old
WITH count(*) AS _
FOREACH (word IN $words | MERGE (:SensitiveWord {word: word}))
CREATE (:AuditEntry {id: $auditId, action: 'SET_SENSITIVE_WORDS', actorId: $actorId, at: $now, subjectId: 'sensitive-words', details: $details})
RETURN size($words) AS count
