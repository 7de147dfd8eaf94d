// The status of an order, read under the lock set-order-status took, to tell an order already in
// the asked-for status (answered as done) from one that can no longer get there.
MATCH (o:Order {id: $id})
RETURN o.status AS status
