// Batch lookup behind the user DataLoader: one round trip for any number of ids.
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN u { .id, .email, .handle, .displayName, .bio, .avatarUrl, .role, .createdAt, .followerCount, .followingCount, .passwordVersion, noteCount: coalesce(u.noteCount, 0) } AS user
