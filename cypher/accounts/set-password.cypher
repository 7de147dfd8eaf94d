// Replaces the hash and bumps passwordVersion, which revokes every token issued before.
MATCH (u:User {id: $id})
SET u.passwordHash = $passwordHash, u.passwordVersion = u.passwordVersion + 1, u.updatedAt = $now
RETURN u.passwordVersion AS passwordVersion
