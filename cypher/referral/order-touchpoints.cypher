// The buyer's touchpoints for this order inside the attribution window: their visits (signed in,
// or under a visitor id of theirs: one given at checkout or the one they signed up with) through
// other people's share links to the ordered products, to notes featuring them or to the group the
// order is placed in, and their views of notes featuring the products.
MATCH (buyer:User {id: $buyerId})
WITH buyer, $visitorIds + [(buyer)-[s:SIGNED_UP_VIA]->() WHERE s.visitorId IS NOT NULL | s.visitorId] AS visitorIds
CALL (buyer, visitorIds) {
  CALL (buyer, visitorIds) {
    MATCH (buyer)-[:MADE]->(v:Visit)-[:OF_LINK]->(l:ShareLink)
    WHERE v.at >= $since
    RETURN v, l
    UNION
    // From the visitor ids, not from the window: the window holds every recent visit.
    MATCH (v:Visit)-[:OF_LINK]->(l:ShareLink)
    USING INDEX v:Visit(visitorId)
    WHERE v.visitorId IN visitorIds AND v.at >= $since
    RETURN v, l
  }
  WITH buyer, v, l
  WHERE l.sharerId <> buyer.id AND (
    (l.targetType = 'PRODUCT' AND l.targetId IN $productIds)
    OR (l.targetType = 'GROUP' AND l.targetId = $groupId)
    OR (l.targetType = 'NOTE' AND EXISTS { MATCH (:Note {id: l.targetId})-[:FEATURES]->(p:Product) WHERE p.id IN $productIds })
  )
  RETURN 'SHARE_LINK' AS kind, l.code AS ref, v.at AS at
  UNION ALL
  MATCH (buyer)-[seen:VIEWED]->(n:Note)-[:FEATURES]->(p:Product)
  WHERE seen.at >= $since AND p.id IN $productIds AND n.deletedAt IS NULL
  RETURN DISTINCT 'NOTE' AS kind, n.id AS ref, seen.at AS at
}
RETURN kind, ref, at
ORDER BY at, ref
