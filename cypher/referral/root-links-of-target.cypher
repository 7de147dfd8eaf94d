// The links of a note or product that start a chain: every first-hand share of it.
MATCH (l:ShareLink {targetType: $targetType, targetId: $targetId})
WHERE NOT EXISTS { (l)-[:RESHARE_OF]->() }
RETURN collect(l.code) AS codes
