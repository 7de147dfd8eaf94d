// Moves an order's commissions from one status to another (reversal on cancel or refund, release
// when a flagged order is approved).
MATCH (:Order {id: $orderId})-[:GENERATED]->(c:Commission)
WHERE c.status IN $from
SET c.status = $to, c.updatedAt = $now
RETURN count(c) AS changed
