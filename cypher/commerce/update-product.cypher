// Changes the given fields of a product; the stock is write-locked like every stock change.
MATCH (p:Product {id: $id})
SET p._lock = true REMOVE p._lock
SET p.title = coalesce($title, p.title),
    p.priceMinor = coalesce($priceMinor, p.priceMinor),
    p.currency = coalesce($currency, p.currency),
    p.images = coalesce($images, p.images),
    p.category = coalesce($category, p.category),
    p.brand = coalesce($brand, p.brand),
    p.stock = coalesce($stock, p.stock),
    p.updatedAt = $now
RETURN p.id AS id
