// A challenge is used once: passed, or failed $maxFailures times.
MATCH (:User {id: $userId})-[:HAS_TWO_FACTOR_CHALLENGE]->(c:TwoFactorChallenge {tokenHash: $tokenHash})
SET c.failures = c.failures + $failed
WITH c
WHERE $failed = 0 OR c.failures >= $maxFailures
DETACH DELETE c
