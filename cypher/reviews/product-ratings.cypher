// The stored ratings of products (kept exact by review writes; recounted by the import).
MATCH (p:Product) WHERE p.id IN $ids
RETURN p.id AS id, coalesce(p.ratingCount, 0) AS count, coalesce(p.ratingSum, 0) AS sum, coalesce(p.ratingStars, [0, 0, 0, 0, 0]) AS stars
