// Hydrates a feed page in the same round trip that found it. Not run alone: FeedRepository
// appends it to a feed skeleton wrapped as `CALL () { <skeleton> }`, so `id` and `key` are the
// skeleton's page rows (already cut by its ORDER BY ... LIMIT: only the page is hydrated) and
// $viewerId is the skeleton's viewer, or null. Without it, the DataLoaders would fetch each of
// these in a round trip of its own (five or more per page).
// One row: `notes`, in page order, each with exactly what these batch queries return, so the
// loaders can be primed with it: the note (content/notes-by-ids), its author
// (accounts/users-by-ids), the author's relation to the viewer (social/relations-to-viewer) and
// the viewer's like and collect (content/viewer-note-states); `groups`, once per group the page's
// notes were posted in, the group (groups/groups-by-ids) and the viewer's standing in it
// (groups/viewer-memberships). Each projection is the fragment those batch queries are built
// from, so the two cannot drift apart.
MATCH (author:User)-[:POSTED]->(n:Note {id: id})
OPTIONAL MATCH (viewer:User {id: $viewerId})
WITH id, key, n, author, viewer
ORDER BY key DESC, id DESC
WITH viewer,
     collect({
       id: id,
       key: key,
       note: n {
         {{> fragments/note-record}}
       },
       user: author {
         {{> fragments/user-record u=author}}
       },
       relation: {
         {{> fragments/viewer-relation u=author}}
       },
       viewerState: {
         {{> fragments/viewer-note-state}}
       }
     }) AS notes,
     collect(DISTINCT head([(n)-[:POSTED_IN]->(g:Group) | g])) AS groups
RETURN notes,
       [g IN groups | {
         grp: g {
           {{> fragments/group-record}}
         },
         standing: {
           {{> fragments/viewer-standing}}
         }
       }] AS groups
