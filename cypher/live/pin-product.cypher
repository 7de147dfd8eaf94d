// Pins one product of the lineup in a LIVE room, under the room's lock, replacing the pin before
// (which stops its flash price at once). A flash offer's price and units are the pinner's input,
// checked against the product's price here, under the same lock. Returns the outcome and the pin.
MATCH (r:LiveRoom {id: $roomId})
SET r._lock = true REMOVE r._lock
WITH r
OPTIONAL MATCH (r)-[:FEATURES]->(p:Product {id: $productId})
WITH r, p, CASE
       WHEN r.status <> 'LIVE' THEN 'NOT_LIVE'
       WHEN p IS NULL THEN 'NOT_IN_LINEUP'
       WHEN $flashPriceMinor IS NOT NULL AND $flashPriceMinor >= p.priceMinor THEN 'PRICE_NOT_BELOW'
       ELSE 'PINNED' END AS outcome
CALL (r, p, outcome) {
  WITH * WHERE outcome = 'PINNED'
  OPTIONAL MATCH (r)-[cur:CURRENT_PIN]->(old:LivePin)
  SET old.unpinnedAt = $now
  DELETE cur
  WITH DISTINCT r, p
  CREATE (r)-[:CURRENT_PIN]->(pin:LivePin {
    id: $id, roomId: r.id, productId: p.id, flashPriceMinor: $flashPriceMinor, currency: p.currency,
    flashQuantity: $flashQuantity, flashLeft: $flashQuantity, endsAt: $endsAt, pinnedAt: $now, unpinnedAt: null, flashOrders: 0
  })-[:OF_PRODUCT]->(p)
  CREATE (r)-[:PINNED]->(pin)
}
RETURN outcome, CASE WHEN p IS NULL THEN null ELSE p.priceMinor END AS priceMinor
