// Moves a PLACED order to CANCELLED or REFUNDED; a cancellation puts the stock back. Returns no
// row when the order is not PLACED any more.
MATCH (o:Order {id: $id})
SET o._lock = true REMOVE o._lock
WITH o WHERE o.status = 'PLACED'
SET o.status = $status, o.updatedAt = $now
WITH o
CALL (o) {
  WITH o WHERE $restock
  MATCH (o)-[c:CONTAINS]->(p:Product)
  SET p._lock = true REMOVE p._lock
  SET p.stock = p.stock + c.qty
}
RETURN o.id AS id
