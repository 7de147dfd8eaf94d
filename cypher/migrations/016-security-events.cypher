// Security events (issue 23 §5): each user's history of sign-ins, failures and account changes,
// read newest first from their HAD_SECURITY_EVENT relationships.
CREATE CONSTRAINT security_event_id IF NOT EXISTS FOR (e:SecurityEvent) REQUIRE e.id IS UNIQUE;
CREATE INDEX security_event_at IF NOT EXISTS FOR (e:SecurityEvent) ON (e.at);
