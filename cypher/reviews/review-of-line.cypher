// The review of each order line asked for ({orderId, productId}), if any.
UNWIND $lines AS line
MATCH (r:Review {lineKey: line.orderId + ':' + line.productId})
RETURN line.orderId + ':' + line.productId AS lineKey, r.id AS id
