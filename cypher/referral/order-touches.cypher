// The touchpoints stored on an order, in time order.
MATCH (o:Order {id: $orderId})-[t:TOUCHED]->(target)
RETURN t.kind AS kind, t.at AS at, coalesce(target.code, target.id) AS ref
ORDER BY t.at, ref
