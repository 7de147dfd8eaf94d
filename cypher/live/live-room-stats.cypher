// A room's figures after (or during) the stream: its live orders (placed in the room, not cancelled
// or refunded) with their GMV per currency, and per product it pinned: how often, the orders and
// units of it placed in the room, its distinct buyers and GMV, and the flash units sold.
MATCH (r:LiveRoom {id: $roomId})
CALL (r) {
  OPTIONAL MATCH (o:Order)-[:TOUCHED {kind: 'LIVE'}]->(r) WHERE o.status = 'PLACED'
  WITH o.currency AS currency, count(o) AS orders, sum(o.totalMinor) AS amountMinor
  RETURN sum(orders) AS orders, [g IN collect({currency: currency, amountMinor: amountMinor}) WHERE g.currency IS NOT NULL] AS gmv
}
CALL (r) {
  OPTIONAL MATCH (r)-[:PINNED]->(pin:LivePin)-[:OF_PRODUCT]->(p:Product)
  WITH r, p, count(pin) AS pins, sum(coalesce(pin.flashQuantity, 0) - coalesce(pin.flashLeft, 0)) AS flashUnits
  WHERE p IS NOT NULL
  CALL (r, p) {
    OPTIONAL MATCH (buyer:User)-[:PLACED]->(o:Order)-[c:CONTAINS]->(p)
    WHERE o.status = 'PLACED' AND EXISTS { (o)-[:TOUCHED {kind: 'LIVE'}]->(r) }
    WITH buyer, o, c
    RETURN count(DISTINCT o) AS orders, coalesce(sum(c.qty), 0) AS units, count(DISTINCT buyer) AS buyers,
           [g IN collect({currency: o.currency, amountMinor: c.qty * c.unitPriceMinor}) WHERE g.currency IS NOT NULL] AS amounts
  }
  RETURN collect({productId: p.id, pins: pins, flashUnits: flashUnits, orders: orders, units: units, buyers: buyers, amounts: amounts}) AS products
}
RETURN orders, gmv, products
