// Makes every stored user count equal to the relationships behind it, in batches.
// Each node is write-locked before it is counted: the API may be live while an import runs,
// and a follow, like or join committing between the count and the SET would otherwise be lost.
MATCH (u:User)
CALL (u) {
  SET u._lock = true REMOVE u._lock
  WITH u
  SET u.followerCount = COUNT { (u)<-[:FOLLOWS]-(:User) },
      u.followingCount = COUNT { (u)-[:FOLLOWS]->(:User) },
      u.noteCount = COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL RETURN n }
} IN TRANSACTIONS OF 1000 ROWS
