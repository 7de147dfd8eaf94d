// One helpful vote per user and review: the review is write-locked, so concurrent votes of one user
// store one vote, and helpfulCount changes only when a vote is added. Not on a review the voter
// wrote, nor on one that is not visible (no row: the service answers NOT_FOUND or INVALID).
MATCH (voter:User {id: $userId}), (r:Review {id: $id})
SET r._lock = true REMOVE r._lock
WITH voter, r WHERE r.modState IS NULL AND r.authorId <> voter.id
OPTIONAL MATCH (voter)-[existing:FOUND_HELPFUL]->(r)
CALL (voter, r, existing) {
  WITH * WHERE existing IS NULL
  CREATE (voter)-[:FOUND_HELPFUL {createdAt: $now}]->(r)
  SET r.helpfulCount = r.helpfulCount + 1
}
RETURN r.id AS id
