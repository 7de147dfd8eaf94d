// A clause fragment, not map entries: brings a review `r` (of product `p`, from order `o`) into the
// product's rating, or out of it, by what holds now. A review counts while it is visible (no
// moderation state), its order is live (PLACED) and the order has no fraud flag that is open or
// confirmed (REJECTED); it leaves the rating when one of these stops holding and comes back when
// they all hold again. The includer has write-locked `p` first, so the stored count, sum and
// distribution change by the review's own difference only: exact under concurrent writers.
// Yields wasCounted and counts (the review's standing before and after).
SET r.fraudHeld = EXISTS { (flag:FraudFlag)-[:FLAGS]->(o) WHERE flag.status IN ['OPEN', 'REJECTED'] }
WITH *, coalesce(r.counted, false) AS wasCounted, (r.modState IS NULL AND NOT r.fraudHeld AND o.status = 'PLACED') AS counts
WITH *, (CASE WHEN counts THEN 1 ELSE 0 END) - (CASE WHEN wasCounted THEN 1 ELSE 0 END) AS delta
SET r.counted = counts,
    p.ratingCount = coalesce(p.ratingCount, 0) + delta,
    p.ratingSum = coalesce(p.ratingSum, 0) + delta * r.rating,
    p.ratingStars = [i IN range(0, 4) | coalesce(p.ratingStars, [0, 0, 0, 0, 0])[i] + CASE WHEN i = r.rating - 1 THEN delta ELSE 0 END]
