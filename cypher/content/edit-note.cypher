// Changes the given fields of a live note; $topics and $productIds, when not null, replace the lists.
// $hold (pre-moderation matched the new text) puts a visible note back to PENDING; a note a
// moderator hid or removed keeps that state. Returns whether the note now waits for a moderator.
MATCH (n:Note {id: $id}) WHERE n.deletedAt IS NULL
SET n.modState = CASE WHEN $hold AND n.modState IS NULL THEN 'PENDING' ELSE n.modState END,
    n.title = coalesce($title, n.title),
    n.body = coalesce($body, n.body),
    n.format = coalesce($format, n.format),
    n.visibility = coalesce($visibility, n.visibility),
    n.mediaJson = coalesce($mediaJson, n.mediaJson),
    n.topicText = CASE WHEN $topics IS NULL THEN n.topicText ELSE trim(reduce(s = '', name IN $topics | s + ' ' + name)) END,
    n.editedAt = $now
WITH n
CALL (n) {
  WITH n WHERE $topics IS NOT NULL
  OPTIONAL MATCH (n)-[old:TAGGED_WITH]->(:Topic)
  DELETE old
  WITH DISTINCT n
  UNWIND $topics AS name
  MERGE (t:Topic {name: name})
  ON CREATE SET t.createdAt = $now
  MERGE (n)-[:TAGGED_WITH]->(t)
}
CALL (n) {
  WITH n WHERE $productIds IS NOT NULL
  OPTIONAL MATCH (n)-[old:FEATURES]->(:Product)
  DELETE old
  WITH DISTINCT n
  UNWIND $productIds AS productId
  MATCH (p:Product {id: productId})
  MERGE (n)-[:FEATURES]->(p)
}
RETURN n.id AS id, n.modState = 'PENDING' AS held
