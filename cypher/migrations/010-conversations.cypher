// Direct messages (issue 20 §1). A conversation is a node; each member is a IN_CONVERSATION relationship
// carrying that member's state (folder, last read position); messages are nodes chained newest to
// oldest from the conversation (LAST_MESSAGE, then PREVIOUS), numbered by seq within it.
CREATE CONSTRAINT conversation_id IF NOT EXISTS FOR (c:Conversation) REQUIRE c.id IS UNIQUE;
// A 1:1 conversation's pair key is its two user ids in order: the constraint makes two users who
// start it at once MERGE one node (the second waits on the first's index lock, then finds it).
CREATE CONSTRAINT conversation_pair_key IF NOT EXISTS FOR (c:Conversation) REQUIRE c.pairKey IS UNIQUE;
CREATE CONSTRAINT message_id IF NOT EXISTS FOR (m:Message) REQUIRE m.id IS UNIQUE;
// Pages and unread counts read a range of one conversation's seqs, in order, from this index.
CREATE INDEX message_position IF NOT EXISTS FOR (m:Message) ON (m.conversationId, m.seq);
