// Makes every stored user count equal to the relationships behind it, in batches.
MATCH (u:User)
CALL (u) {
  SET u.followerCount = COUNT { (u)<-[:FOLLOWS]-(:User) },
      u.followingCount = COUNT { (u)-[:FOLLOWS]->(:User) },
      u.noteCount = COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL RETURN n }
} IN TRANSACTIONS OF 10000 ROWS
