// Grouped notifications (issue 20 §3). A group's key is its recipient, kind, subject and window
// (src/notifications/grouping.ts): the constraint makes two writers that start one group at once
// MERGE one node (the second waits on the first's index lock, then finds it).
CREATE CONSTRAINT notification_group_key IF NOT EXISTS FOR (g:NotificationGroup) REQUIRE g.key IS UNIQUE;
CREATE CONSTRAINT notification_group_id IF NOT EXISTS FOR (g:NotificationGroup) REQUIRE g.id IS UNIQUE;
// Pages read a recipient's groups newest first from their HAS_NOTIFICATION_GROUP relationships; the
// index serves the ordering there.
CREATE INDEX notification_group_latest_at IF NOT EXISTS FOR (g:NotificationGroup) ON (g.latestAt);
