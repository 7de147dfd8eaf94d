// One KOL's period: follower growth, notes and their engagement, top notes, and the counted orders (fragments/order-counts)
// through their links per UTC day (dayStart in epoch ms, GMV per currency) with their distinct buyers, so that the
// service publishes only days of enough buyers (src/common/order-disclosure.ts).
MATCH (u:User {id: $userId})
CALL (u) {
  OPTIONAL MATCH (buyer:User)-[:PLACED]->(o:Order)-[:VIA]->(:ShareLink {sharerId: u.id})
  WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
  // Per day and currency first (GMV is one amount per currency), then per day: the day's distinct
  // buyers over all its currencies decide whether the day is published.
  WITH o.createdAt - o.createdAt % 86400000 AS dayStart, o.currency AS currency, count(DISTINCT o) AS orders, collect(DISTINCT buyer.id) AS buyerIds, sum(o.totalMinor) AS amountMinor
  WITH dayStart, sum(orders) AS orders, reduce(acc = [], ids IN collect(buyerIds) | acc + [i IN ids WHERE NOT i IN acc]) AS buyerIds,
       sum(amountMinor) AS gmvMinor, collect({currency: currency, amountMinor: amountMinor}) AS gmv
  RETURN collect(CASE WHEN dayStart IS NULL THEN null ELSE {dayStart: dayStart, orders: orders, buyers: size(buyerIds), gmvMinor: gmvMinor, gmv: gmv} END) AS orderDays
}
RETURN u.followerCount AS followers,
  COUNT { MATCH (u)<-[f:FOLLOWS]-() WHERE f.since >= $from AND f.since < $to RETURN f } AS newFollowers,
  COUNT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.createdAt >= $from AND n.createdAt < $to AND n.deletedAt IS NULL RETURN n } AS notes,
  COUNT { MATCH (:User)-[l:LIKED]->(:Note)<-[:POSTED]-(u) WHERE l.at >= $from AND l.at < $to RETURN l } AS likes,
  COUNT { MATCH (:User)-[c:COLLECTED]->(:Note)<-[:POSTED]-(u) WHERE c.at >= $from AND c.at < $to RETURN c } AS collects,
  COUNT { MATCH (c:Comment)-[:ON]->(:Note)<-[:POSTED]-(u) WHERE c.createdAt >= $from AND c.createdAt < $to AND c.deletedAt IS NULL RETURN c } AS comments,
  orderDays,
  COLLECT { MATCH (u)-[:POSTED]->(n:Note) WHERE n.deletedAt IS NULL
            WITH n ORDER BY n.likeCount + n.collectCount + 4 * n.commentCount + 4 * n.shareCount DESC, n.id LIMIT $topNotes RETURN n.id } AS topNoteIds
