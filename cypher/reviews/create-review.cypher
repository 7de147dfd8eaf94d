// Stores a review of one order line and brings it into the product's rating in the same statement,
// with the product write-locked (concurrent reviews of one product queue on it). Then the burst
// check: when this product has $burstMin or more reviews within $burstWindowMs from accounts created
// on the author's sign-up day (UTC), a REVIEW_BURST fraud flag for staff is opened (one per product
// and day; while it is open its details follow the count).
MATCH (author:User {id: $authorId})-[:PLACED]->(o:Order {id: $orderId})-[:CONTAINS]->(p:Product {id: $productId})
SET p._lock = true REMOVE p._lock
CREATE (author)-[:WROTE_REVIEW]->(r:Review {
  id: $id, lineKey: $lineKey, orderId: $orderId, productId: $productId, authorId: $authorId,
  rating: $rating, quality: $quality, value: $value, shipping: $shipping, text: $text, mediaJson: $mediaJson,
  hasMedia: $hasMedia, isAnonymous: $anonymous, verified: true, modState: $modState, fraudHeld: false, counted: false,
  helpfulCount: 0, createdAt: $now, replyText: null, repliedAt: null, replierId: null
})-[:OF_PRODUCT]->(p)
CREATE (r)-[:FROM_ORDER]->(o)
WITH author, o, p, r
{{> fragments/review-settle}}
WITH author, p, r, counts, author.createdAt - author.createdAt % 86400000 AS day
CALL (author, p, day) {
  MATCH (a:User)-[:WROTE_REVIEW]->(x:Review)-[:OF_PRODUCT]->(p)
  WHERE x.createdAt >= $now - $burstWindowMs AND a.createdAt >= day AND a.createdAt < day + 86400000
  WITH p, day, count(x) AS burst
  WHERE burst >= $burstMin
  MERGE (f:FraudFlag {burstKey: p.id + ':' + toString(day)})
    ON CREATE SET f.id = $flagId, f.kind = 'REVIEW_BURST', f.subjectType = 'PRODUCT', f.subjectId = p.id, f.linkCode = null,
      f.status = 'OPEN', f.createdAt = $now, f.reviewedBy = null, f.reviewedAt = null
  MERGE (f)-[:FLAGS]->(p)
  WITH f, burst, day
  WHERE f.status = 'OPEN'
  SET f.reason = toString(burst) + ' reviews of this product within ' + toString($burstWindowMs / 3600000) + ' hours from accounts created on '
    + toString(date(datetime({epochMillis: day}))) + ' (UTC)'
  RETURN collect(f.id) AS flagIds
}
RETURN r.id AS id, counts
