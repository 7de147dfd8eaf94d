MATCH (p:Product {id: $productId})
RETURN p.id AS id
