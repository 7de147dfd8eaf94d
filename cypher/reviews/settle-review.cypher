// Brings one review into or out of its product's rating after its moderation state changed (the
// caller's transaction set it), with the product write-locked first.
MATCH (r:Review {id: $id})-[:OF_PRODUCT]->(p:Product), (r)-[:FROM_ORDER]->(o:Order)
SET p._lock = true REMOVE p._lock
WITH r, p, o
{{> fragments/review-settle}}
RETURN r.id AS id, r.authorId AS authorId, r.productId AS productId, r.hasMedia AS hasMedia, r.verified AS verified, r.modState AS modState,
       wasCounted, counts
