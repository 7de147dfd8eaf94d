// A merchant (or an admin) offers group buys on a product. The product is write-locked first, so
// the ownership, the price check and the count of live offers all see concurrent edits: an offer
// is never at or above the price the product has when it is made.
MATCH (p:Product {id: $productId}), (viewer:User {id: $viewerId})
SET p._lock = true REMOVE p._lock
WITH p, viewer,
     viewer.role = 'ADMIN' OR (viewer.role = 'MERCHANT' AND EXISTS { (viewer)-[:SELLS]->(p) }) AS allowed,
     COUNT { (o:GroupBuyOffer)-[:FOR]->(p) WHERE o.status = 'OPEN' AND (o.endsAt IS NULL OR o.endsAt > $now) } AS liveOffers
WITH p, CASE
       WHEN NOT allowed THEN 'FORBIDDEN'
       WHEN $groupPrice >= p.priceMinor THEN 'PRICE_NOT_BELOW'
       WHEN liveOffers >= $maxLiveOffers THEN 'TOO_MANY_OFFERS'
       ELSE 'CREATED' END AS outcome
CALL (p, outcome) {
  WITH * WHERE outcome = 'CREATED'
  CREATE (:GroupBuyOffer {id: $id, groupPrice: $groupPrice, currency: p.currency, requiredSize: $requiredSize, maxGroups: $maxGroups,
    groupCount: 0, windowHours: $windowHours, endsAt: $endsAt, status: 'OPEN', createdAt: $now, closedAt: null, createdBy: $viewerId})-[:FOR]->(p)
}
RETURN outcome, p.priceMinor AS priceMinor
