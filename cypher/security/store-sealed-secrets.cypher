// The user's TOTP secrets sealed again (under the current TWO_FACTOR_ENCRYPTION_KEY) in place of a
// plaintext secret from before encryption, or of one sealed by a previous key.
MATCH (u:User {id: $userId})
SET u.twoFactorSecret = $secret, u.twoFactorPendingSecret = $pendingSecret
