// Replaces a user's secrets by their re-sealed values, only if they are still what was read
// (a sign-in or an enrolment in between re-sealed or replaced them already).
MATCH (u:User {id: $userId})
WHERE coalesce(u.twoFactorSecret, '') = coalesce($secret, '') AND coalesce(u.twoFactorPendingSecret, '') = coalesce($pendingSecret, '')
SET u.twoFactorSecret = $sealedSecret, u.twoFactorPendingSecret = $sealedPendingSecret
RETURN u.id AS id
