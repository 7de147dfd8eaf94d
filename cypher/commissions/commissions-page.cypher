// A user's commissions, newest first, by status and period.
MATCH (c:Commission)-[:EARNED_BY]->(:User {id: $userId})
WHERE ($status IS NULL OR c.status = $status)
  AND c.createdAt >= $from AND c.createdAt < $to
  AND ($afterKey IS NULL OR c.createdAt < $afterKey OR (c.createdAt = $afterKey AND c.id < $afterId))
RETURN c { .id, .orderId, .level, .amountMinor, .currency, .status, .rateSetId, .rateBps, .linkCode, .createdAt } AS commission
ORDER BY c.createdAt DESC, c.id DESC
LIMIT $limit
