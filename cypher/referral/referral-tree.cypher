// The downstream tree of share links under the given roots (a user's own root links, or one
// link), at most $maxDepth re-share hops below them, with each link's visits, sign-ups, buyers,
// orders and GMV (orders attributed through the link and not cancelled or refunded), the GMV as one
// amount per currency (minor units of different currencies cannot be added). Every link: the
// tree's figures cover all of them, and the API pages the nodes out of these rows.
UNWIND $rootCodes AS rootCode
MATCH (root:ShareLink {code: rootCode})
MATCH path = (root)<-[:RESHARE_OF*0..10]-(l:ShareLink)
WHERE length(path) <= $maxDepth
WITH DISTINCT l, length(path) AS depth
CALL (l) {
  OPTIONAL MATCH (o:Order)-[:VIA]->(l) WHERE o.status = 'PLACED'
  OPTIONAL MATCH (buyer:User)-[:PLACED]->(o)
  RETURN count(DISTINCT o) AS orders, count(DISTINCT buyer) AS buyers
}
CALL (l) {
  MATCH (o:Order)-[:VIA]->(l) WHERE o.status = 'PLACED'
  WITH o.currency AS currency, sum(o.totalMinor) AS amountMinor
  RETURN collect({currency: currency, amountMinor: amountMinor}) AS gmv
}
RETURN l.code AS code, l.sharerId AS sharerId, l.channel AS channel, l.createdAt AS createdAt, depth,
       head([(l)-[:RESHARE_OF]->(p:ShareLink) | p.code]) AS parentCode,
       COUNT { (:Visit)-[:OF_LINK]->(l) } AS visits,
       COUNT { (:User)-[:SIGNED_UP_VIA]->(l) } AS signUps,
       buyers, orders, gmv
ORDER BY depth, createdAt, code
