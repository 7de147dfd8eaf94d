// Search (issue 15): Lucene full-text indexes with the cjk analyzer. Chinese has no spaces, so
// the analyzer indexes Han text as overlapping bigrams (油皮亲妈 -> 油皮 皮亲 亲妈), which a query
// of any two or more of its characters matches; it also folds full-width Latin to half-width and
// lower-cases, so ＴＯＮＥＲ, Toner and toner are one term. Latin words are indexed whole; the
// query side adds a prefix term so toner finds Toners (src/search/rules.ts).
// Note topics live on TAGGED_WITH relationships; n.topicText is their names joined by spaces,
// written with them (content/create-note, content/edit-note, import/notes), so the index sees them.
CREATE FULLTEXT INDEX note_search IF NOT EXISTS FOR (n:Note) ON EACH [n.title, n.body, n.topicText] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX product_search IF NOT EXISTS FOR (p:Product) ON EACH [p.title, p.brand, p.category] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX user_search IF NOT EXISTS FOR (u:User) ON EACH [u.handle, u.displayName, u.bio] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX group_search IF NOT EXISTS FOR (g:Group) ON EACH [g.name, g.description] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
CREATE FULLTEXT INDEX topic_search IF NOT EXISTS FOR (t:Topic) ON EACH [t.name] OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};
// A normalised query string, one node each; (:User)-[:SEARCHED {bucket, at}]->(:SearchQuery), one
// relationship per user, query and 10-minute bucket, so trends count distinct users per window.
CREATE CONSTRAINT search_query_text IF NOT EXISTS FOR (q:SearchQuery) REQUIRE q.text IS UNIQUE;
CREATE INDEX searched_bucket IF NOT EXISTS FOR ()-[s:SEARCHED]-() ON (s.bucket);
CREATE CONSTRAINT search_snapshot_id IF NOT EXISTS FOR (s:SearchSnapshot) REQUIRE s.id IS UNIQUE;
// Each search drops its viewer's expired snapshots: found by viewer, not by scanning them all.
CREATE INDEX search_snapshot_viewer IF NOT EXISTS FOR (s:SearchSnapshot) ON (s.viewerKey, s.createdAt);
// Notes written before this migration get their topic text once.
MATCH (n:Note) WHERE n.topicText IS NULL
CALL (n) { OPTIONAL MATCH (n)-[:TAGGED_WITH]->(t:Topic) RETURN reduce(s = '', name IN collect(t.name) | s + ' ' + name) AS text }
SET n.topicText = trim(text);
