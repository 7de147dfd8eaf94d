// The user's conversations, with the other members as id and handle (what the user sees of them).
MATCH (me:User {id: $userId})-[mine:IN_CONVERSATION]->(c:Conversation)
WHERE $after IS NULL OR c.id > $after
RETURN c.id AS key, c {
  .id, .kind, .title, .createdAt, folder: mine.folder, joinedAt: mine.joinedAt,
  members: [(other:User)-[:IN_CONVERSATION]->(c) WHERE other <> me | { userId: other.id, handle: other.handle }]
} AS item
ORDER BY key
LIMIT $limit
