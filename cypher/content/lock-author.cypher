// Write-locks the author, so that two retries of one idempotency key cannot both create, and
// returns what the key already created, if anything.
MATCH (author:User {id: $authorId})
SET author._lock = true REMOVE author._lock
WITH author
OPTIONAL MATCH (author)-[:POSTED|WROTE]->(existing {clientKey: $clientKey})
WHERE $clientKey IS NOT NULL AND (existing:Note OR existing:Comment)
RETURN existing.id AS existingId
