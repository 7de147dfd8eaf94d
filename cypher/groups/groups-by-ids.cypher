// Batch lookup behind the group DataLoader.
UNWIND $ids AS id
MATCH (g:Group {id: id})
RETURN g { .id, .name, .description, .visibility, .rules, .premoderation, .createdAt, .archivedAt, .memberCount,
           ownerId: head([(o:User)-[:MEMBER_OF {role: 'OWNER'}]->(g) | o.id]),
           topics: [(g)-[:TAGGED_WITH]->(t:Topic) | t.name],
           pinnedNoteIds: coalesce(g.pinnedNoteIds, []) } AS grp
