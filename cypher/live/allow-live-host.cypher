// A merchant allows (or stops allowing) a host to feature its products in their rooms.
MATCH (merchant:User {id: $merchantId}), (host:User {id: $hostId})
CALL (merchant, host) {
  WITH * WHERE $allowed
  MERGE (merchant)-[a:ALLOWS_LIVE_HOST]->(host)
  ON CREATE SET a.since = $now
}
CALL (merchant, host) {
  WITH * WHERE NOT $allowed
  OPTIONAL MATCH (merchant)-[a:ALLOWS_LIVE_HOST]->(host)
  DELETE a
}
RETURN host.id AS hostId
