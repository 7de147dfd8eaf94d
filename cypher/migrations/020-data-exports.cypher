// Data exports (issue 23 §3): one node per requested archive, (:User)-[:REQUESTED_EXPORT]->(:DataExport).
CREATE CONSTRAINT data_export_id IF NOT EXISTS FOR (e:DataExport) REQUIRE e.id IS UNIQUE;
// The export sweep finds what expired, and what waits to be built, by these.
CREATE INDEX data_export_expiry IF NOT EXISTS FOR (e:DataExport) ON (e.expiresAt);
CREATE INDEX data_export_status IF NOT EXISTS FOR (e:DataExport) ON (e.status);
