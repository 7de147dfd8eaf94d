// Places the order: takes the stock (the caller has checked it under lock), keeps a snapshot of
// each price on its line, and records the touchpoints it is attributed to (a DM card's touches the
// share link the card carries).
MATCH (buyer:User {id: $buyerId}), (merchant:User {id: $merchantId})
CREATE (buyer)-[:PLACED]->(o:Order {
  id: $id, status: 'PLACED', totalMinor: $totalMinor, currency: $currency, clientKey: $clientKey,
  createdAt: $now, updatedAt: $now, flagged: false
})-[:SOLD_BY]->(merchant)
WITH o
UNWIND $lines AS line
MATCH (p:Product {id: line.productId})
SET p.stock = p.stock - line.qty
CREATE (o)-[:CONTAINS {qty: line.qty, unitPriceMinor: line.unitPriceMinor}]->(p)
WITH DISTINCT o
CALL (o) {
  UNWIND $touchpoints AS touch
  OPTIONAL MATCH (l:ShareLink {code: touch.ref}) WHERE touch.kind IN ['SHARE_LINK', 'DIRECT_MESSAGE']
  OPTIONAL MATCH (n:Note {id: touch.ref}) WHERE touch.kind = 'NOTE'
  OPTIONAL MATCH (g:Group {id: touch.ref}) WHERE touch.kind = 'GROUP'
  WITH o, touch, coalesce(l, n, g) AS target
  WHERE target IS NOT NULL
  CREATE (o)-[:TOUCHED {kind: touch.kind, at: touch.at}]->(target)
}
CALL (o) {
  WITH o WHERE $viaCode IS NOT NULL
  MATCH (l:ShareLink {code: $viaCode})
  CREATE (o)-[:VIA]->(l)
}
RETURN o.id AS id
