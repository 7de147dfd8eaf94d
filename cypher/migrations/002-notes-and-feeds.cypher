// Notes are the content that feeds sort by time; soft-deleted notes keep their node.
CREATE CONSTRAINT note_id IF NOT EXISTS FOR (n:Note) REQUIRE n.id IS UNIQUE;
CREATE INDEX note_created_at IF NOT EXISTS FOR (n:Note) ON (n.createdAt);
