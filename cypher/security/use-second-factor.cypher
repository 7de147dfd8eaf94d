// Uses up what a second step was passed with: the code's time step (no code of it or before it
// counts again), or the one recovery code ($usedHash).
MATCH (u:User {id: $userId})
SET u.twoFactorLastStep = coalesce($step, u.twoFactorLastStep),
    u.twoFactorRecoveryHashes = [h IN coalesce(u.twoFactorRecoveryHashes, []) WHERE h <> coalesce($usedHash, '')]
RETURN size(u.twoFactorRecoveryHashes) AS recoveryCodesLeft
