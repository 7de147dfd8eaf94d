// Locks every product of the order (in id order, so concurrent orders cannot deadlock), then
// reads stock and price after the lock: two orders racing for the last unit see each other.
UNWIND $items AS item
MATCH (p:Product {id: item.productId})
WITH p, item ORDER BY p.id
SET p._lock = true REMOVE p._lock
WITH p, item
OPTIONAL MATCH (merchant:User)-[:SELLS]->(p)
RETURN p.id AS productId, p.stock AS stock, p.priceMinor AS priceMinor, p.currency AS currency,
       merchant.id AS merchantId, item.qty AS qty
