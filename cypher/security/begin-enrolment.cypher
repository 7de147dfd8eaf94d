// Starts (or restarts) enrolling an authenticator: the new secret waits, unused, until
// confirmTwoFactor proves the app holds it. Nothing changes while two-factor sign-in is on.
MATCH (u:User {id: $userId})
WITH u, u.twoFactorEnabledAt IS NOT NULL AS enabled
FOREACH (_ IN CASE WHEN enabled THEN [] ELSE [1] END |
  SET u.twoFactorPendingSecret = $secret, u.twoFactorPendingAt = $now)
RETURN enabled
