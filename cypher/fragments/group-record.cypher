// A group as the group DataLoader holds it (GroupRecord, src/groups/types.ts): the entries of a map
// projection of the group {{g}}.
.id, .name, .description, .visibility, .rules, .premoderation, .createdAt, .archivedAt, .memberCount,
postWithoutPremoderationFromLevel: {{g}}.postWithoutPremoderationFromLevel, startGroupBuyFromLevel: {{g}}.startGroupBuyFromLevel,
ownerId: head([(o:User)-[:MEMBER_OF {role: 'OWNER'}]->({{g}}) | o.id]),
topics: [({{g}})-[:TAGGED_WITH]->(t:Topic) | t.name],
pinnedNoteIds: coalesce({{g}}.pinnedNoteIds, [])
