// Every current member's lifetime contribution to the group (fragments/member-contribution), for
// the level distribution of groupStats; one row per member.
MATCH (u:User)-[:MEMBER_OF]->(g:Group {id: $groupId})
RETURN { {{> fragments/member-contribution}} } AS contribution
