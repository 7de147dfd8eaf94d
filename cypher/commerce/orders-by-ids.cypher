// Batch lookup behind the order DataLoader.
UNWIND $ids AS id
MATCH (buyer:User)-[:PLACED]->(o:Order {id: id})-[:SOLD_BY]->(merchant:User)
RETURN o { .id, .status, .totalMinor, .currency, .createdAt, .updatedAt, .flagged,
           buyerId: buyer.id, merchantId: merchant.id,
           viaCode: head([(o)-[:VIA]->(l:ShareLink) | l.code]),
           items: [(o)-[c:CONTAINS]->(p:Product) | {productId: p.id, qty: c.qty, unitPriceMinor: c.unitPriceMinor}] } AS order
