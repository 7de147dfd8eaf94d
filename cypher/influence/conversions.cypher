// Orders and GMV that came through each sharer's links since $since (counted orders only: fragments/order-counts, live and not held by fraud). gmv sums
// minor units over currencies, for the score's conversion signal; the GMV shown is per currency
// (gmvCurrencies[i] is the currency of gmvAmounts[i]).
MATCH (o:Order)-[:VIA]->(l:ShareLink)
WHERE {{> fragments/order-counts}} AND o.createdAt >= $since
WITH l.sharerId AS id, o.currency AS currency, count(o) AS conversions, sum(o.totalMinor) AS amountMinor
ORDER BY currency
RETURN id, sum(conversions) AS conversions, sum(amountMinor) AS gmv, collect(currency) AS gmvCurrencies, collect(amountMinor) AS gmvAmounts
