// Sets a group's level rights (updateGroupLevelRights) in the transaction that checked the
// manager's role under the group's lock, and audits the change in it with the values before and
// after ("none" for a right not given by level).
MATCH (g:Group {id: $groupId})
WITH g, 'postWithoutPremoderationFromLevel ' + coalesce(toString(g.postWithoutPremoderationFromLevel), 'none') + ' -> ' + coalesce(toString($postWithoutPremoderationFromLevel), 'none') +
  ', startGroupBuyFromLevel ' + coalesce(toString(g.startGroupBuyFromLevel), 'none') + ' -> ' + coalesce(toString($startGroupBuyFromLevel), 'none') AS details
SET g.postWithoutPremoderationFromLevel = $postWithoutPremoderationFromLevel,
    g.startGroupBuyFromLevel = $startGroupBuyFromLevel
CREATE (:AuditEntry {id: $auditId, action: 'SET_GROUP_LEVEL_RIGHTS', actorId: $actorId, at: $now, subjectId: g.id, groupId: g.id, details: details})
RETURN g.id AS id
