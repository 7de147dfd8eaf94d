// Content: comments, collections and notifications are looked up by id; the interaction
// timestamps are indexed because hot topics and feeds read "what happened since".
CREATE CONSTRAINT comment_id IF NOT EXISTS FOR (c:Comment) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT collection_id IF NOT EXISTS FOR (c:Collection) REQUIRE c.id IS UNIQUE;
CREATE CONSTRAINT notification_id IF NOT EXISTS FOR (n:Notification) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT product_id IF NOT EXISTS FOR (p:Product) REQUIRE p.id IS UNIQUE;
CREATE CONSTRAINT group_id IF NOT EXISTS FOR (g:Group) REQUIRE g.id IS UNIQUE;
CREATE INDEX comment_created_at IF NOT EXISTS FOR (c:Comment) ON (c.createdAt);
CREATE INDEX notification_created_at IF NOT EXISTS FOR (n:Notification) ON (n.createdAt);
CREATE INDEX liked_at IF NOT EXISTS FOR ()-[l:LIKED]-() ON (l.at);
CREATE INDEX collected_at IF NOT EXISTS FOR ()-[c:COLLECTED]-() ON (c.at);
// Discover feed pages are served from a per-viewer snapshot of the ranking.
CREATE CONSTRAINT feed_snapshot_id IF NOT EXISTS FOR (s:FeedSnapshot) REQUIRE s.id IS UNIQUE;
CREATE INDEX feed_snapshot_created_at IF NOT EXISTS FOR (s:FeedSnapshot) ON (s.createdAt);
