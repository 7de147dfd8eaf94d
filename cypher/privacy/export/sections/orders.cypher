// The user's orders as placed, with their lines and the share link they came through.
MATCH (:User {id: $userId})-[:PLACED]->(o:Order)
WHERE $after IS NULL OR o.id > $after
RETURN o.id AS key, o {
  .id, .status, .totalMinor, .currency, .createdAt, .updatedAt,
  merchantId: head([(o)-[:SOLD_BY]->(m:User) | m.id]),
  viaShareCode: head([(o)-[:VIA]->(l:ShareLink) | l.code]),
  items: [(o)-[c:CONTAINS]->(p:Product) | { productId: p.id, title: p.title, qty: c.qty, unitPriceMinor: c.unitPriceMinor }]
} AS item
ORDER BY key
LIMIT $limit
