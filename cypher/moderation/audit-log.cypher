// A group's moderation audit log ($groupId) or the platform's, newest first, strictly after the cursor (at, id).
MATCH (a:AuditEntry)
WHERE ($groupId IS NULL OR a.groupId = $groupId) AND (a.action STARTS WITH 'MODERATION_' OR a.action STARTS WITH 'APPEAL_' OR $groupId IS NULL)
  AND ($afterKey IS NULL OR a.at < $afterKey OR (a.at = $afterKey AND a.id < $afterId))
// subjectType: what subjectId names, when the log can resolve it (entries from before it was
// recorded, the word list, fraud flags and rate sets have none).
RETURN a { .id, .action, .actorId, .at, .subjectId, .details, .groupId,
  subjectType: CASE
    WHEN a.action STARTS WITH 'MODERATION_' THEN a.subjectType
    WHEN a.action STARTS WITH 'APPEAL_' THEN 'ACTION'
    WHEN a.action = 'SET_ROLE' THEN 'USER'
    ELSE null
  END } AS entry
ORDER BY a.at DESC, a.id DESC
LIMIT $limit
