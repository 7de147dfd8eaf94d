// Whose live challenge the token is, for the per-account limit before the second step is checked.
MATCH (u:User)-[:HAS_TWO_FACTOR_CHALLENGE]->(c:TwoFactorChallenge {tokenHash: $tokenHash})
WHERE c.expiresAt > $now
RETURN u.id AS userId
