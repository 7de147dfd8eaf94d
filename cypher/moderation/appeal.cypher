// The affected user appeals an action, once: the action is locked and a second appeal finds the first.
MATCH (a:ModerationAction {id: $actionId})
SET a._lock = true REMOVE a._lock
WITH a
OPTIONAL MATCH (existing:Appeal)-[:AGAINST]->(a)
CALL (a, existing) {
  WITH * WHERE existing IS NULL
  CREATE (:Appeal {id: $id, text: $text, createdAt: $now, status: 'OPEN', appellantId: $userId})-[:AGAINST]->(a)
}
RETURN existing IS NULL AS created
