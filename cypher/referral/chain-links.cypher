// Every link of the chain an order came through, from the first sharer's down to the one the buyer
// used. Re-shares have no depth limit, so neither does the walk up: each link has one parent, so
// it reads the chain's own links and nothing else. (upstream-links stops at 11: commissions pay at
// most three levels.)
MATCH path = (:ShareLink {code: $code})-[:RESHARE_OF*0..]->(l:ShareLink)
RETURN l.code AS code, l.sharerId AS sharerId, l.channel AS channel, l.createdAt AS createdAt
ORDER BY length(path) DESC
