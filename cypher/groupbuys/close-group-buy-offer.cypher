// The product's merchant (or an admin) closes an offer: no new groups start from it; groups
// already running keep their time. Checked under the offer's lock, so no start slips in after.
MATCH (o:GroupBuyOffer {id: $id})-[:FOR]->(p:Product), (viewer:User {id: $viewerId})
SET o._lock = true REMOVE o._lock
WITH o, viewer.role = 'ADMIN' OR (viewer.role = 'MERCHANT' AND EXISTS { (viewer)-[:SELLS]->(p) }) AS allowed
CALL (o, allowed) {
  WITH * WHERE allowed AND o.status = 'OPEN'
  SET o.status = 'CLOSED', o.closedAt = $now
}
RETURN allowed
