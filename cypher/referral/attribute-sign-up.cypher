// A new user who opened a link (as an anonymous visitor) before signing up was invited by its
// sharer. The first visit wins, and an existing INVITED is never replaced. Also counts how many
// sign-ups that link has had from this visitor id, for the fraud check.
MATCH (u:User {id: $userId})
WHERE NOT EXISTS { ()-[:INVITED]->(u) }
MATCH (v:Visit {visitorId: $visitorId})-[:OF_LINK]->(l:ShareLink)<-[:SHARED]-(sharer:User)
WHERE sharer <> u
WITH u, v, l, sharer ORDER BY v.at, v.id LIMIT 1
CREATE (sharer)-[:INVITED {at: $now, code: l.code}]->(u)
CREATE (u)-[:SIGNED_UP_VIA {at: $now, visitorId: $visitorId}]->(l)
RETURN sharer.id AS sharerId, l.code AS code,
       COUNT { (:User)-[s:SIGNED_UP_VIA]->(l) WHERE s.visitorId = $visitorId } AS signUpsFromVisitor
