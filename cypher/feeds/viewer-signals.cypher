// What the discover feed knows of the viewer: topic interests learned from likes (2), collects
// (3), views (1) and the profile (2), and whether they follow anyone.
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
RETURN interests, EXISTS { (viewer)-[:FOLLOWS]->(:User) } AS followsAnyone
