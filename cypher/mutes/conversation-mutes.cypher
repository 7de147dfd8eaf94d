// Batch lookup behind the conversation-mute DataLoader: each of the conversations $viewerId mutes
// now, with when the mute ends (null: until lifted). Conversations not muted have no row.
MATCH (:User {id: $viewerId})-[m:MUTES_CONVERSATION]->(c:Conversation)
WHERE c.id IN $ids AND (m.until IS NULL OR m.until > datetime())
RETURN c.id AS id, m.until.epochMillis AS mutedUntil
