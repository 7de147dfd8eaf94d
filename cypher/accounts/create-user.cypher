// Signs a user up. The unique constraints on emailLower and handleLower reject concurrent
// sign-ups that passed find-login-clashes together.
CREATE (u:User {
  id: $id,
  email: $email, emailLower: $emailLower,
  handle: $handle, handleLower: $handleLower,
  displayName: $displayName, bio: '', avatarUrl: null,
  role: 'USER',
  passwordHash: $passwordHash, passwordVersion: 1,
  createdAt: $now, updatedAt: $now,
  followerCount: 0, followingCount: 0, noteCount: 0
})
RETURN u { {{> fragments/user-record}} } AS user
