// The size of each sharer's referral tree: links re-shared downstream of their links.
MATCH (l:ShareLink)<-[:RESHARE_OF*1..10]-(d:ShareLink)
RETURN l.sharerId AS id, count(DISTINCT d) AS reach
