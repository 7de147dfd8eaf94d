// Batch lookup: each member's lifetime contribution to their group (fragments/member-contribution),
// for GroupMember.level; a pair whose user is not a member has no row.
UNWIND $keys AS k
MATCH (u:User {id: k.userId})-[:MEMBER_OF]->(g:Group {id: k.groupId})
RETURN k.groupId AS groupId, k.userId AS userId, { {{> fragments/member-contribution}} } AS contribution
