// Notifies each existing user mentioned by handle in a note or a comment on it, except the actor
// and anyone in a block with them or muting them, and only if they may see the note (the rule of
// content/rules.ts noteVisibility): not across a block with its author, a FOLLOWERS-only note
// only its author's followers, a CLOSED or SECRET group's note only its members, an OPEN
// group's note nobody banned from it. A deleted or moderated note notifies nobody.
MATCH (actor:User {id: $actorId})
MATCH (author:User)-[:POSTED]->(n:Note {id: $noteId})
WHERE n.deletedAt IS NULL AND n.modState IS NULL
OPTIONAL MATCH (n)-[:POSTED_IN]->(g:Group)
UNWIND $handles AS handle
MATCH (recipient:User {handleLower: toLower(handle)})
WHERE recipient <> actor AND NOT EXISTS { (recipient)-[:BLOCKS]-(actor) }
  AND NOT EXISTS { (recipient)-[m:MUTES]->(actor) WHERE m.until IS NULL OR CASE WHEN m.until IS :: ZONED DATETIME THEN m.until > datetime({epochMillis: $now}) ELSE m.until > $now END }
  AND (recipient = author OR (
        NOT EXISTS { (recipient)-[:BLOCKS]-(author) }
        AND (n.visibility <> 'FOLLOWERS' OR EXISTS { (recipient)-[:FOLLOWS]->(author) })))
  AND (g IS NULL OR CASE g.visibility
         WHEN 'OPEN' THEN NOT EXISTS { (recipient)-[:BANNED_FROM]->(g) }
         ELSE EXISTS { (recipient)-[:MEMBER_OF]->(g) } END)
CREATE (recipient)-[:HAS_NOTIFICATION]->(x:Notification {
  id: randomUUID(), type: 'MENTION', createdAt: $now, readAt: null,
  actorId: $actorId, noteId: $noteId, commentId: $commentId
})
WITH recipient, actor, x, $grouping AS grouping, $now AS now, $keptActors AS keptActors
{{> fragments/notification-grouping}}
RETURN x.id AS id, recipient.id AS recipientId, groupId
