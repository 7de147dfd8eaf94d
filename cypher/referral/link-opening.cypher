// What decides whether an order may credit one share link: what the link shares, whether a note
// it shares features one of the ordered products, and when the buyer last opened it, signed in
// or under a visitor id of theirs (one given at checkout, or the one they signed up with).
MATCH (l:ShareLink {code: $code})
MATCH (buyer:User {id: $buyerId})
WITH l, buyer, $visitorIds + [(buyer)-[s:SIGNED_UP_VIA]->() WHERE s.visitorId IS NOT NULL | s.visitorId] AS visitorIds
WITH l, [(buyer)-[:MADE]->(v:Visit)-[:OF_LINK]->(l) | v.at] + [(v:Visit)-[:OF_LINK]->(l) WHERE v.visitorId IN visitorIds | v.at] AS openings
RETURN l.targetType AS targetType, l.targetId AS targetId,
       reduce(last = null, at IN openings | CASE WHEN last IS NULL OR at > last THEN at ELSE last END) AS lastOpenedAt,
       l.targetType = 'NOTE' AND EXISTS { MATCH (:Note {id: l.targetId})-[:FEATURES]->(p:Product) WHERE p.id IN $productIds } AS noteFeaturesOrderedProduct
