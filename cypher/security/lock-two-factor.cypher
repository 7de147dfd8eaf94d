// The user's two-factor state, read under the user's write lock (the SET), so that two checks of a
// code run one after the other and the second sees the step the first used.
MATCH (u:User {id: $userId})
SET u.twoFactorCheckedAt = $now
RETURN u.twoFactorEnabledAt IS NOT NULL AS enabled,
       u.twoFactorSecret AS secret,
       u.twoFactorPendingSecret AS pendingSecret,
       u.twoFactorPendingAt AS pendingAt,
       u.twoFactorLastStep AS lastStep,
       u.twoFactorRecoverySalt AS recoverySalt,
       coalesce(u.twoFactorRecoveryHashes, []) AS recoveryHashes
