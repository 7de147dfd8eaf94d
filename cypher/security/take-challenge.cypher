// The user's live challenge with this token (read after the user is locked), or no row.
MATCH (:User {id: $userId})-[:HAS_TWO_FACTOR_CHALLENGE]->(c:TwoFactorChallenge {tokenHash: $tokenHash})
WHERE c.expiresAt > $now
RETURN c.deviceLabel AS deviceLabel
