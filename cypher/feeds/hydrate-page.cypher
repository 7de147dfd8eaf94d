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
// (groups/viewer-memberships). Keep the projections identical to those files: a test compares them.
MATCH (author:User)-[:POSTED]->(n:Note {id: id})
OPTIONAL MATCH (viewer:User {id: $viewerId})
WITH id, key, n, author, viewer
ORDER BY key DESC, id DESC
WITH viewer,
     collect({
       id: id,
       key: key,
       note: n {
         .id, .title, .body, .format, .visibility, .mediaJson, .createdAt, .editedAt, .deletedAt,
         .likeCount, .collectCount, .commentCount, .shareCount, .viewCount, .modState, .isAnnouncement,
         authorId: author.id,
         groupId: head([(n)-[:POSTED_IN]->(g:Group) | g.id]),
         topics: [(n)-[:TAGGED_WITH]->(t:Topic) | t.name],
         productIds: [(n)-[:FEATURES]->(p:Product) | p.id]
       },
       user: author { .id, .email, .handle, .displayName, .bio, .avatarUrl, .role, .createdAt, .followerCount, .followingCount, .passwordVersion, noteCount: coalesce(author.noteCount, 0) },
       relation: {
         isFollowing: EXISTS { (viewer)-[:FOLLOWS]->(author) },
         followsViewer: EXISTS { (author)-[:FOLLOWS]->(viewer) },
         isBlocked: EXISTS { (viewer)-[:BLOCKS]->(author) },
         hasBlockedViewer: EXISTS { (author)-[:BLOCKS]->(viewer) }
       },
       viewerState: { liked: EXISTS { (viewer)-[:LIKED]->(n) }, collected: EXISTS { (viewer)-[:COLLECTED]->(n) } }
     }) AS notes,
     collect(DISTINCT head([(n)-[:POSTED_IN]->(g:Group) | g])) AS groups
RETURN notes,
       [g IN groups | {
         grp: g { .id, .name, .description, .visibility, .rules, .premoderation, .createdAt, .archivedAt, .memberCount,
                  ownerId: head([(o:User)-[:MEMBER_OF {role: 'OWNER'}]->(g) | o.id]),
                  topics: [(g)-[:TAGGED_WITH]->(t:Topic) | t.name],
                  pinnedNoteIds: coalesce(g.pinnedNoteIds, []) },
         standing: {
           role: head([(viewer)-[m:MEMBER_OF]->(g) | m.role]),
           mutedUntil: head([(viewer)-[m:MEMBER_OF]->(g) | m.mutedUntil]),
           banned: EXISTS { (viewer)-[:BANNED_FROM]->(g) },
           invited: EXISTS { (viewer)-[:INVITED_TO]->(g) },
           requested: EXISTS { (viewer)-[:REQUESTED_TO_JOIN]->(g) }
         }
       }] AS groups
