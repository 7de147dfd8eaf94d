// The rating over each merchant's products: the sums of their products' stored ratings, so it is as
// exact as they are. A user selling nothing has none (no row).
MATCH (m:User)-[:SELLS]->(p:Product) WHERE m.id IN $ids
WITH m, collect(coalesce(p.ratingStars, [0, 0, 0, 0, 0])) AS all, sum(coalesce(p.ratingCount, 0)) AS count, sum(coalesce(p.ratingSum, 0)) AS sum
RETURN m.id AS id, count, sum, [i IN range(0, 4) | reduce(s = 0, stars IN all | s + stars[i])] AS stars
