// Looks an account up by email or handle (both compared lower-cased) for logging in.
CALL {
  MATCH (u:User {emailLower: $login}) RETURN u
  UNION
  MATCH (u:User {handleLower: $login}) RETURN u
}
WITH u WHERE u.deletedAt IS NULL
RETURN u.id AS id, u.handle AS handle, u.email AS email, u.passwordHash AS passwordHash, u.passwordVersion AS passwordVersion,
       u.twoFactorEnabledAt IS NOT NULL AS hasTwoFactor, u.deletionDueAt AS deletionDueAt
LIMIT 1
