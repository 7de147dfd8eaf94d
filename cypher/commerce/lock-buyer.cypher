// Write-locks the buyer so that retries of one idempotency key cannot both place an order, and
// returns the order the key already placed, if any.
MATCH (buyer:User {id: $buyerId})
SET buyer._lock = true REMOVE buyer._lock
WITH buyer
OPTIONAL MATCH (buyer)-[:PLACED]->(existing:Order {clientKey: $clientKey})
RETURN existing.id AS existingId
