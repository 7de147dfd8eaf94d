// Hydrates a feed page in the same round trip that found it, with only what depends on the viewer
// or must be read fresh. Not run alone: FeedRepository appends it to a feed skeleton wrapped as
// `CALL () { <skeleton> }`, so `id` and `key` are the skeleton's page rows (already cut by its
// ORDER BY ... LIMIT: only the page is hydrated) and $viewerId is the skeleton's viewer, or null.
// One row: `notes`, in page order, each with its author's id, the author's relation to the viewer
// (social/relations-to-viewer) and the viewer's like and collect (content/viewer-note-states);
// `groups`, once per group the page's notes were posted in, the group (groups/groups-by-ids: who
// may read a group changes with it, so it is read here, not cached) and the viewer's standing in
// it (groups/viewer-memberships). The viewer-relative entries are null for an anonymous page.
// The note and user records themselves are viewer-independent: the API takes them from its
// note and user caches (src/content/note-cache.ts, src/accounts/user-cache.ts) and asks the batch
// queries only for those it does not hold. While those caches seldom hold a page's records (many
// viewers, a cold instance), $withRecords asks for them here instead (`note`, `author`), so a cold
// page is still one round trip (src/feeds/page-records.ts). Each projection is the fragment those
// batch queries are built from, so the two cannot drift apart.
MATCH (author:User)-[:POSTED]->(n:Note {id: id})
OPTIONAL MATCH (viewer:User {id: $viewerId})
WITH id, key, n, author, viewer
ORDER BY key DESC, id DESC
WITH viewer,
     collect({
       id: id,
       key: key,
       authorId: author.id,
       note: CASE WHEN $withRecords THEN n {
         {{> fragments/note-record}}
       } END,
       author: CASE WHEN $withRecords THEN author { {{> fragments/user-record u=author}} } END,
       relation: CASE WHEN viewer IS NULL THEN null ELSE {
         {{> fragments/viewer-relation u=author}}
       } END,
       viewerState: CASE WHEN viewer IS NULL THEN null ELSE {
         {{> fragments/viewer-note-state}}
       } END
     }) AS notes,
     collect(DISTINCT head([(n)-[:POSTED_IN]->(g:Group) | g])) AS groups
RETURN notes,
       [g IN groups | {
         grp: g {
           {{> fragments/group-record}}
         },
         standing: CASE WHEN viewer IS NULL THEN null ELSE {
           {{> fragments/viewer-standing}}
         } END
       }] AS groups
