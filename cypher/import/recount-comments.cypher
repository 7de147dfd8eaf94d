// Each node is write-locked before it is counted: the API may be live while an import runs,
// and a follow, like or join committing between the count and the SET would otherwise be lost.
MATCH (c:Comment)
CALL (c) {
  SET c._lock = true REMOVE c._lock
  WITH c
  SET c.replyCount = COUNT { MATCH (r:Comment)-[:REPLY_TO]->(c) WHERE r.deletedAt IS NULL RETURN r }
} IN TRANSACTIONS OF 1000 ROWS
