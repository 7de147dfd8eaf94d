// One page of the user's consent audit trail, newest first ($purpose null: every purpose).
MATCH (:User {id: $userId})-[:CHANGED_CONSENT]->(c:ConsentChange)
WHERE ($purpose IS NULL OR c.purpose = $purpose)
  AND ($afterKey IS NULL OR c.changedAt < $afterKey OR (c.changedAt = $afterKey AND c.id < $afterId))
RETURN c {.id, .purpose, .isGranted, .changedAt, .policyVersion, .source} AS change
ORDER BY change.changedAt DESC, change.id DESC
LIMIT $limit
