// Batch lookup behind the product DataLoader.
UNWIND $ids AS id
MATCH (p:Product {id: id})
OPTIONAL MATCH (merchant:User)-[:SELLS]->(p)
RETURN p { .id, .title, .priceMinor, .currency, .images, .category, .brand, .stock, .createdAt, merchantId: merchant.id } AS product
