MATCH (g:Group)
CALL (g) {
  SET g.memberCount = COUNT { (:User)-[:MEMBER_OF]->(g) }
} IN TRANSACTIONS OF 10000 ROWS
