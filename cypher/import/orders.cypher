// Historical orders: the price is the product's, the stock is not touched, no commissions are
// computed (they belong to the system the orders came from).
UNWIND $rows AS row
MATCH (buyer:User {id: row.buyer})
MERGE (o:Order {id: row.id})
ON CREATE SET o.status = 'PLACED', o.createdAt = row.createdAt, o.updatedAt = row.createdAt, o.clientKey = 'import:' + row.id,
  o.flagged = false, o.currency = 'CNY', o.totalMinor = 0
MERGE (buyer)-[:PLACED]->(o)
WITH o, row
CALL (o, row) {
  UNWIND row.items AS item
  MATCH (p:Product {id: item.product})
  MERGE (o)-[c:CONTAINS]->(p)
  ON CREATE SET c.qty = item.qty, c.unitPriceMinor = p.priceMinor
}
CALL (o) {
  MATCH (o)-[c:CONTAINS]->(p:Product)
  WITH o, sum(c.qty * c.unitPriceMinor) AS total, head(collect(p)) AS first
  SET o.totalMinor = total, o.currency = first.currency
  WITH o, first
  MATCH (m:User)-[:SELLS]->(first)
  MERGE (o)-[:SOLD_BY]->(m)
}
CALL (o, row) {
  WITH * WHERE row.shareCode IS NOT NULL
  MATCH (l:ShareLink {code: row.shareCode})
  MERGE (o)-[:VIA]->(l)
  MERGE (o)-[t:TOUCHED]->(l)
  ON CREATE SET t.kind = 'SHARE_LINK', t.at = row.createdAt
}
