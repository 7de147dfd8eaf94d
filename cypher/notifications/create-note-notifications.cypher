// Stores notifications about notes (a like, a collect, a comment on it, a reply in it), several
// in one statement: the notifications of one request, or of a batch of concurrent requests, in
// the transaction of the actions that caused them. Each is stored only if its recipient may see
// the note (the rule of content/rules.ts noteVisibility): an author banned from the note's group,
// or removed from its CLOSED/SECRET group, hears nothing more of it; nor does anyone else who
// could not open it. Nobody is notified of their own actions or by someone in a block with them,
// nor by someone they mute (a MUTES relationship without an end, or ending later). Each stored
// notification joins its group in the same statement (fragments/notification-grouping).
// Each row of $notifications: key (the caller's, returned), recipientId, actorId, type, noteId,
// commentId, now, grouping (src/notifications/grouping.ts groupingOf).
UNWIND $notifications AS x
CALL (x) {
  MATCH (recipient:User {id: x.recipientId}), (actor:User {id: x.actorId})
  WHERE recipient <> actor AND NOT EXISTS { (recipient)-[:BLOCKS]-(actor) }
    AND NOT EXISTS { (recipient)-[m:MUTES]->(actor) WHERE m.until IS NULL OR CASE WHEN m.until IS :: ZONED DATETIME THEN m.until > datetime({epochMillis: x.now}) ELSE m.until > x.now END }
  MATCH (author:User)-[:POSTED]->(n:Note {id: x.noteId})
  WHERE n.deletedAt IS NULL
  OPTIONAL MATCH (n)-[:POSTED_IN]->(g:Group)
  WITH recipient, actor, author, n, g
  WHERE (g IS NULL OR CASE g.visibility
           WHEN 'OPEN' THEN NOT EXISTS { (recipient)-[:BANNED_FROM]->(g) }
           ELSE EXISTS { (recipient)-[:MEMBER_OF]->(g) } END)
    AND (recipient = author OR (
          n.modState IS NULL
          AND NOT EXISTS { (recipient)-[:BLOCKS]-(author) }
          AND (n.visibility <> 'FOLLOWERS' OR EXISTS { (recipient)-[:FOLLOWS]->(author) })))
  CREATE (recipient)-[:HAS_NOTIFICATION]->(y:Notification {
    id: randomUUID(), type: x.type, createdAt: x.now, readAt: null,
    actorId: x.actorId, noteId: x.noteId, commentId: x.commentId, actionId: null, detail: null
  })
  WITH recipient, actor, y, x.grouping AS grouping, x.now AS now, $keptActors AS keptActors
  {{> fragments/notification-grouping x=y}}
  RETURN y.id AS id, recipient.id AS recipientId, groupId
}
RETURN x.key AS key, id, recipientId, groupId
