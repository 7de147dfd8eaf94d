// Fails the open group buys whose time is up: nobody is charged, the units their participants
// reserved go back to stock (group buys from before offers reserved their whole size), and their
// offer has the place free again. Locks offer, group buy and product, in the order starting does.
MATCH (b:GroupBuy)
WHERE b.status = 'OPEN' AND b.expiresAt <= $now
WITH b LIMIT 500
MATCH (b)-[:FOR]->(p:Product)
OPTIONAL MATCH (b)-[:FROM_OFFER]->(o:GroupBuyOffer)
FOREACH (x IN CASE WHEN o IS NULL THEN [] ELSE [o] END | SET x._lock = true REMOVE x._lock)
SET b._lock = true REMOVE b._lock
WITH b, p, o WHERE b.status = 'OPEN'
SET p._lock = true REMOVE p._lock
WITH b, p, o, coalesce(b.reservedUnits, b.requiredSize) AS units
SET b.status = 'EXPIRED', b.reservedUnits = 0, p.stock = p.stock + units
FOREACH (x IN CASE WHEN o IS NULL THEN [] ELSE [o] END | SET x.groupCount = x.groupCount - 1)
RETURN b.id AS id, b.groupId AS groupId
