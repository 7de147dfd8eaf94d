// What decides whether an order may credit one share link: what the link shares, whether a note
// it shares features one of the ordered products, and when the buyer last opened it, signed in
// or under a visitor id of theirs (one given at checkout, or the one they signed up with). Visits
// are found from the buyer and from the visitor ids, never by walking a popular link's visits.
MATCH (l:ShareLink {code: $code})
MATCH (buyer:User {id: $buyerId})
WITH l, buyer, $visitorIds + [(buyer)-[s:SIGNED_UP_VIA]->() WHERE s.visitorId IS NOT NULL | s.visitorId] AS visitorIds
CALL (l, buyer) {
  OPTIONAL MATCH (buyer)-[:MADE]->(v:Visit)-[:OF_LINK]->(l)
  RETURN max(v.at) AS signedIn
}
CALL (l, visitorIds) {
  OPTIONAL MATCH (v:Visit)-[:OF_LINK]->(l)
  USING INDEX v:Visit(visitorId)
  WHERE v.visitorId IN visitorIds
  RETURN max(v.at) AS anonymous
}
RETURN l.targetType AS targetType, l.targetId AS targetId,
       CASE WHEN anonymous IS NULL OR signedIn >= anonymous THEN coalesce(signedIn, anonymous) ELSE anonymous END AS lastOpenedAt,
       l.targetType = 'NOTE' AND EXISTS { MATCH (:Note {id: l.targetId})-[:FEATURES]->(p:Product) WHERE p.id IN $productIds } AS noteFeaturesOrderedProduct
