// What deciding a new conversation needs about each user asked for, read inside the transaction
// that creates it: whether they exist, a block either way with the starter, their messaging setting
// (MUTUALS when never set) and the follows between them and the starter.
// Every user named and the starter are write-locked, in id order (as follow and block lock them),
// so a block committed meanwhile is either seen here or waits for this start.
CALL {
  MATCH (u:User) WHERE u.id IN $userIds OR u.id = $viewerId
  WITH u ORDER BY u.id
  SET u._lock = true REMOVE u._lock
}
MATCH (me:User {id: $viewerId})
UNWIND $userIds AS userId
OPTIONAL MATCH (u:User {id: userId})
RETURN userId AS id,
  u IS NOT NULL AS exists,
  CASE WHEN u IS NULL THEN false ELSE EXISTS { (me)-[:BLOCKS]-(u) } END AS blocked,
  coalesce(u.messagingSetting, 'MUTUALS') AS setting,
  CASE WHEN u IS NULL THEN false ELSE EXISTS { (u)-[:FOLLOWS]->(me) } END AS followsSender,
  CASE WHEN u IS NULL THEN false ELSE EXISTS { (me)-[:FOLLOWS]->(u) } END AS followedBySender
