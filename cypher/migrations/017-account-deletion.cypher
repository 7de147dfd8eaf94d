CREATE INDEX user_deletion_due IF NOT EXISTS FOR (u:User) ON (u.deletionDueAt);
CREATE CONSTRAINT handle_quarantine_hash IF NOT EXISTS FOR (q:HandleQuarantine) REQUIRE q.handleHash IS UNIQUE;
