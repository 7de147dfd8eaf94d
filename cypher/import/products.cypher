UNWIND $rows AS row
MERGE (p:Product {id: row.id})
ON CREATE SET p.title = row.title, p.priceMinor = row.price, p.currency = row.currency, p.images = [], p.category = row.category,
  p.brand = row.brand, p.stock = row.stock, p.createdAt = row.createdAt, p.updatedAt = row.createdAt
WITH p, row WHERE row.merchant IS NOT NULL
MATCH (m:User {id: row.merchant})
MERGE (m)-[:SELLS]->(p)
SET m.role = CASE WHEN m.role = 'USER' THEN 'MERCHANT' ELSE m.role END
