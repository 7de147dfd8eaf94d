// What the discover feed knows of the viewer: topic interests learned from likes (2), collects
// (3), views (1) and the profile (2), whether they follow anyone, and the topics named by a word of
// their searches of the last 7 days (the latest query naming each), which the service adds to them.
MATCH (viewer:User {id: $viewerId})
CALL (viewer) {
  CALL (viewer) {
    MATCH (viewer)-[:LIKED]->(:Note)-[:TAGGED_WITH]->(t:Topic) RETURN t.name AS topic, 2 AS w
    UNION ALL
    MATCH (viewer)-[:COLLECTED]->(:Note)-[:TAGGED_WITH]->(t:Topic) RETURN t.name AS topic, 3 AS w
    UNION ALL
    MATCH (viewer)-[:VIEWED]->(:Note)-[:TAGGED_WITH]->(t:Topic) RETURN t.name AS topic, 1 AS w
    UNION ALL
    MATCH (viewer)-[:INTERESTED_IN]->(t:Topic) RETURN t.name AS topic, 2 AS w
  }
  WITH topic, sum(w) AS weight
  ORDER BY weight DESC, topic
  LIMIT 50
  RETURN collect({topic: topic, weight: weight}) AS interests
}
CALL (viewer) {
  MATCH (viewer)-[s:SEARCHED]->(q:SearchQuery) WHERE s.at >= timestamp() - 7 * 24 * 3600000
  WITH q, max(s.at) AS at ORDER BY at DESC LIMIT 20
  MATCH (t:Topic) WHERE t.name IN split(q.text, ' ')
  RETURN collect({topic: t.name, query: q.text}) AS searched
}
RETURN interests, searched, EXISTS { (viewer)-[:FOLLOWS]->(:User) } AS followsAnyone
