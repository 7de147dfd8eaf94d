// The viewer {{viewer}}'s standing in the group {{g}} (Standing, src/groups/permissions.ts), as map
// entries; groups/viewer-memberships returns them as columns. There is at most one MEMBER_OF per
// user and group, so head() of the list is that membership's value, or null for a non-member.
role: head([({{viewer}})-[m:MEMBER_OF]->({{g}}) | m.role]),
mutedUntil: head([({{viewer}})-[m:MEMBER_OF]->({{g}}) | m.mutedUntil]),
banned: EXISTS { ({{viewer}})-[:BANNED_FROM]->({{g}}) },
invited: EXISTS { ({{viewer}})-[:INVITED_TO]->({{g}}) },
requested: EXISTS { ({{viewer}})-[:REQUESTED_TO_JOIN]->({{g}}) }
