// The buyer's touchpoints for these products inside the attribution window: visits through share
// links to the products or to notes featuring them, and views of notes featuring them.
MATCH (buyer:User {id: $buyerId})
CALL (buyer) {
  MATCH (buyer)-[:MADE]->(v:Visit)-[:OF_LINK]->(l:ShareLink)
  WHERE v.at >= $since AND l.sharerId <> buyer.id AND (
    (l.targetType = 'PRODUCT' AND l.targetId IN $productIds)
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
