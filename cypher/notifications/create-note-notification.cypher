// Stores a notification about a note (a like, a collect, a comment on it, a reply in it) for the
// recipient, in the transaction of the action that caused it, only if the recipient may see the
// note (the rule of content/rules.ts noteVisibility): an author banned from the note's group, or
// removed from its CLOSED/SECRET group, hears nothing more of it; nor does anyone else who could
// not open it. Nobody is notified of their own actions or by someone in a block with them, nor by
// someone they mute (a MUTES relationship without an end, or ending later).
MATCH (recipient:User {id: $recipientId}), (actor:User {id: $actorId})
WHERE recipient <> actor AND NOT EXISTS { (recipient)-[:BLOCKS]-(actor) }
  AND NOT EXISTS { (recipient)-[m:MUTES]->(actor) WHERE m.until IS NULL OR CASE WHEN m.until IS :: ZONED DATETIME THEN m.until > datetime({epochMillis: $now}) ELSE m.until > $now END }
MATCH (author:User)-[:POSTED]->(n:Note {id: $noteId})
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
CREATE (recipient)-[:HAS_NOTIFICATION]->(x:Notification {
  id: randomUUID(), type: $type, createdAt: $now, readAt: null,
  actorId: $actorId, noteId: $noteId, commentId: $commentId, actionId: null, detail: null
})
WITH recipient, actor, x
{{> fragments/notification-grouping}}
RETURN x.id AS id, recipient.id AS recipientId, groupId
