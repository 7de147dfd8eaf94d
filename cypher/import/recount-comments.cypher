MATCH (c:Comment)
CALL (c) {
  SET c.replyCount = COUNT { MATCH (r:Comment)-[:REPLY_TO]->(c) WHERE r.deletedAt IS NULL RETURN r }
} IN TRANSACTIONS OF 10000 ROWS
