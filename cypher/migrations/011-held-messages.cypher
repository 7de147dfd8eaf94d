// The moderators' queue of held messages reads only those: by status, oldest first, without
// scanning every message there is.
CREATE INDEX message_status IF NOT EXISTS FOR (m:Message) ON (m.status, m.createdAt);
