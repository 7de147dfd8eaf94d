// Fails the open group buys whose time is up and gives their reserved stock back; nobody is charged.
MATCH (b:GroupBuy)
WHERE b.status = 'OPEN' AND b.expiresAt <= $now
WITH b LIMIT 500
MATCH (b)-[:FOR]->(p:Product)
SET b._lock = true REMOVE b._lock
WITH b, p WHERE b.status = 'OPEN'
SET p._lock = true REMOVE p._lock
SET b.status = 'EXPIRED', p.stock = p.stock + b.requiredSize
RETURN b.id AS id, b.groupId AS groupId
