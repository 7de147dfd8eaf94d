// Decides a held message under its conversation's lock: APPROVE delivers it where it stands in the
// order (the conversation's activity moves now, as for a message sent now); REJECT leaves a
// tombstone, its text not kept, as a delete does. No row when the message is not held.
MATCH (m:Message {id: $messageId, status: 'HELD'})
MATCH (c:Conversation {id: m.conversationId})
SET c._lock = true REMOVE c._lock
WITH m, c
WHERE m.status = 'HELD'
FOREACH (_ IN CASE WHEN $approve THEN [1] ELSE [] END |
  SET m.status = 'DELIVERED', c.activityAt = $now, c.lastMessageAt = $now)
FOREACH (_ IN CASE WHEN $approve THEN [] ELSE [1] END |
  SET m.text = null, m.attachmentKinds = [], m.attachmentIds = [], m.attachmentCodes = [], m.status = 'DELETED', m.deletedAt = $now)
RETURN m {.*} AS message
