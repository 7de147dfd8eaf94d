// Every product's rating recounted from its reviews, as fragments/review-settle keeps it on write:
// a review counts while it is shown (no moderation state), its order is PLACED and the order has no
// open or confirmed (REJECTED) fraud flag. Each review's standing (fraudHeld, counted) is set to
// what holds now, so later writes move the rating from the recounted figures. Each product is
// write-locked before it is counted: a review committing between the count and the SET would
// otherwise be lost.
MATCH (p:Product)
CALL (p) {
  SET p._lock = true REMOVE p._lock
  WITH p
  CALL (p) {
    MATCH (p)<-[:OF_PRODUCT]-(r:Review)-[:FROM_ORDER]->(o:Order)
    SET r.fraudHeld = EXISTS { (flag:FraudFlag)-[:FLAGS]->(o) WHERE flag.status IN ['OPEN', 'REJECTED'] }
    SET r.counted = (r.modState IS NULL AND NOT r.fraudHeld AND o.status = 'PLACED')
    RETURN [x IN collect(CASE WHEN r.counted THEN r.rating END) WHERE x IS NOT NULL] AS ratings
  }
  SET p.ratingCount = size(ratings),
      p.ratingSum = reduce(s = 0, x IN ratings | s + x),
      p.ratingStars = [i IN range(1, 5) | size([x IN ratings WHERE x = i])]
} IN TRANSACTIONS OF 1000 ROWS
