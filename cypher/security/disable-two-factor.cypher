// Turns two-factor sign-in off: the secret, the recovery codes and any waiting challenges go.
MATCH (u:User {id: $userId})
REMOVE u.twoFactorSecret, u.twoFactorEnabledAt, u.twoFactorLastStep, u.twoFactorRecoverySalt, u.twoFactorRecoveryHashes,
       u.twoFactorPendingSecret, u.twoFactorPendingAt
WITH u
OPTIONAL MATCH (u)-[:HAS_TWO_FACTOR_CHALLENGE]->(c:TwoFactorChallenge)
DETACH DELETE c
