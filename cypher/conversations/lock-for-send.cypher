// Locks the conversation (so seqs are handed out one at a time and the checks below hold until
// commit) and reads what a send decides on: the sender's membership, and for every other member
// their folder, messaging setting, a block either way with the sender and the follows between them.
// The sender is locked too: block locks both its users, so a block and a send of one of them take
// turns, and a send never slips past a block committing at the same moment.
// No row when the conversation is missing or the sender is not (or no longer) a member.
MATCH (c:Conversation {id: $conversationId})
SET c._lock = true REMOVE c._lock
WITH c
MATCH (me:User {id: $viewerId})-[mine:IN_CONVERSATION]->(c)
WHERE mine.folder <> 'DELETED'
SET me._lock = true REMOVE me._lock
WITH c, me, mine
CALL (c, me) {
  OPTIONAL MATCH (u:User)-[m:IN_CONVERSATION]->(c) WHERE u <> me
  RETURN collect(CASE WHEN u IS NULL THEN null ELSE {
    id: u.id, folder: m.folder, setting: coalesce(u.messagingSetting, 'MUTUALS'),
    blocked: EXISTS { (me)-[:BLOCKS]-(u) },
    followsSender: EXISTS { (u)-[:FOLLOWS]->(me) },
    followedBySender: EXISTS { (me)-[:FOLLOWS]->(u) }
  } END) AS others
}
RETURN c.id AS id, c.kind AS kind, mine.folder AS folder, others
