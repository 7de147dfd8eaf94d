// A note as the note DataLoader holds it (NoteRecord, src/content/types.ts): the entries of a map
// projection of the note {{n}}, whose author is {{author}}. Used by content/notes-by-ids and
// feeds/hydrate-page, so a hydrated feed page primes the loader with exactly what it would load.
.id, .title, .body, .format, .visibility, .mediaJson, .createdAt, .editedAt, .deletedAt,
.likeCount, .collectCount, .commentCount, .shareCount, .viewCount, .modState, .isAnnouncement,
authorId: {{author}}.id,
groupId: head([({{n}})-[:POSTED_IN]->(g:Group) | g.id]),
topics: [({{n}})-[:TAGGED_WITH]->(t:Topic) | t.name],
productIds: [({{n}})-[:FEATURES]->(p:Product) | p.id]
