// How many entries a group's moderation audit log ($groupId) or the platform's holds.
MATCH (a:AuditEntry)
WHERE ($groupId IS NULL OR a.groupId = $groupId) AND (a.action STARTS WITH 'MODERATION_' OR a.action STARTS WITH 'APPEAL_' OR $groupId IS NULL)
RETURN count(a) AS total
