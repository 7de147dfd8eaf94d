// Write-locks the author, so that two retries of one idempotency key cannot both create, and
// returns the note ($kind 'Note') or comment ('Comment') the key made before keys were claimed
// (src/db/idempotency.ts), if any.
MATCH (author:User {id: $authorId})
SET author._lock = true REMOVE author._lock
WITH author
OPTIONAL MATCH (author)-[:POSTED|WROTE]->(existing {clientKey: $clientKey})
WHERE $clientKey IS NOT NULL AND CASE $kind WHEN 'Note' THEN existing:Note ELSE existing:Comment END
RETURN existing.id AS existingId
