// Totals of a user's commissions in a period, per status and currency.
MATCH (c:Commission)-[:EARNED_BY]->(:User {id: $userId})
WHERE c.createdAt >= $from AND c.createdAt < $to
RETURN c.status AS status, c.currency AS currency, count(c) AS count, sum(c.amountMinor) AS amountMinor
ORDER BY status, currency
