// What a review's points rest on, read under its author's account lock (taken first, as the ledger
// takes it), so two instances settling one review's events queue and the second reads what the
// first wrote: whether the review is shown (no moderation state), has media and is verified, whether
// its order is live, and the REVIEW_WITH_MEDIA awards it earned so far (one per time it was
// shown: REVIEW:<id>, then REVIEW:<id>:2, ...), each reversed or not.
CALL () {
  UNWIND $authorIds AS userId
  MERGE (a:PointAccount {userId: userId})
    ON CREATE SET a.balance = 0, a.lifetime = 0, a.streak = 0, a.lastCheckInDay = null, a.createdAt = $now
  SET a._lock = true REMOVE a._lock
  RETURN count(a) AS locked
}
UNWIND $reviewIds AS reviewId
MATCH (r:Review {id: reviewId})-[:FROM_ORDER]->(o:Order)
CALL (r) {
  OPTIONAL MATCH (e:PointEntry) WHERE e.sourceKey STARTS WITH 'REVIEW:' + r.id AND e.reverses IS NULL
  RETURN collect(e { .sourceKey, reversed: e.reversedAt IS NOT NULL }) AS awards
}
RETURN r.id AS reviewId, r.authorId AS authorId, r.modState IS NULL AS isShown, coalesce(r.hasMedia, false) AS hasMedia,
       coalesce(r.verified, false) AS isVerified, o.status = 'PLACED' AS isOrderLive, awards
