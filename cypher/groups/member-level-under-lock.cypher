// In the transaction of an action a level right decides (a post in a pre-moderated group, a group
// buy started in the group): write-locks the group, so a concurrent updateGroupLevelRights commits
// before or after the action, never between its check and its write, then reads the group's level
// rights and the member's role, mute and lifetime contribution. No row for an unknown group.
MATCH (g:Group {id: $groupId})
SET g._lock = true REMOVE g._lock
WITH g
OPTIONAL MATCH (u:User {id: $userId})-[m:MEMBER_OF]->(g)
RETURN g.postWithoutPremoderationFromLevel AS postWithoutPremoderationFromLevel,
       g.startGroupBuyFromLevel AS startGroupBuyFromLevel,
       m.role AS role, m.mutedUntil AS mutedUntil,
       CASE WHEN u IS NULL THEN null ELSE { {{> fragments/member-contribution}} } END AS contribution
