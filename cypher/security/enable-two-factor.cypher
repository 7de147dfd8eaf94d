// Turns two-factor sign-in on with the enrolled secret; the code that confirmed it is used up.
MATCH (u:User {id: $userId})
SET u.twoFactorSecret = u.twoFactorPendingSecret, u.twoFactorEnabledAt = $now, u.twoFactorLastStep = $step,
    u.twoFactorRecoverySalt = $salt, u.twoFactorRecoveryHashes = $hashes
REMOVE u.twoFactorPendingSecret, u.twoFactorPendingAt
