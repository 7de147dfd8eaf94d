// Per channel, in the period: links created, visits, sign-ups and counted orders (fragments/order-counts) through links of
// that channel, and their GMV (one amount per currency).
// $channels: every ShareChannel value, one row each.
UNWIND $channels AS channel
CALL (channel) {
  RETURN COUNT { MATCH (l:ShareLink {channel: channel}) WHERE l.createdAt >= $from AND l.createdAt < $to RETURN l } AS links,
         COUNT { MATCH (v:Visit)-[:OF_LINK]->(:ShareLink {channel: channel}) WHERE v.at >= $from AND v.at < $to RETURN v } AS visits,
         COUNT { MATCH (:User)-[s:SIGNED_UP_VIA]->(:ShareLink {channel: channel}) WHERE s.at >= $from AND s.at < $to RETURN s } AS signUps
}
CALL (channel) {
  MATCH (o:Order)-[:VIA]->(:ShareLink {channel: channel})
  WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
  WITH o.currency AS currency, count(o) AS orders, sum(o.totalMinor) AS amountMinor
  RETURN sum(orders) AS orders, collect({currency: currency, amountMinor: amountMinor}) AS gmv
}
RETURN channel, links, visits, signUps, orders, gmv
