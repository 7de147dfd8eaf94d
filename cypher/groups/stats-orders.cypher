// Counted orders (fragments/order-counts: live, not held by fraud) attributed to the group (bought in it, or through its group buys) in the period,
// per UTC day (dayStart in epoch ms), with their distinct buyers: the service withholds days of
// too few buyers (src/common/order-disclosure.ts). GMV is summed per currency (fen and cents do
// not add up), in currency order.
MATCH (buyer:User)-[:PLACED]->(o:Order)-[:TOUCHED {kind: 'GROUP'}]->(:Group {id: $groupId})
WHERE {{> fragments/order-counts}} AND o.createdAt >= $from AND o.createdAt < $to
WITH o.createdAt - o.createdAt % 86400000 AS dayStart, o, buyer
WITH dayStart, count(DISTINCT o) AS orders, count(DISTINCT buyer) AS buyers, collect(DISTINCT o) AS dayOrders
CALL (dayOrders) {
  UNWIND dayOrders AS o
  WITH o.currency AS currency, sum(o.totalMinor) AS amountMinor
  ORDER BY currency
  RETURN collect({currency: currency, amountMinor: amountMinor}) AS gmv
}
RETURN dayStart, orders, buyers, gmv
ORDER BY dayStart
