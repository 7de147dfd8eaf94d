// Each node is write-locked before it is counted: the API may be live while an import runs,
// and a follow, like or join committing between the count and the SET would otherwise be lost.
MATCH (g:Group)
CALL (g) {
  SET g._lock = true REMOVE g._lock
  WITH g
  SET g.memberCount = COUNT { (:User)-[:MEMBER_OF]->(g) }
} IN TRANSACTIONS OF 1000 ROWS
