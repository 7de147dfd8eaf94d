// A merchant lists a product.
MATCH (merchant:User {id: $merchantId})
CREATE (merchant)-[:SELLS]->(p:Product {
  id: $id, title: $title, priceMinor: $priceMinor, currency: $currency, images: $images,
  category: $category, brand: $brand, stock: $stock, createdAt: $now, updatedAt: $now
})
RETURN p.id AS id
