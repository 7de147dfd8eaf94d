MATCH (u:User {handleLower: $handleLower})
RETURN u { .id, .email, .handle, .displayName, .bio, .avatarUrl, .role, .createdAt, .followerCount, .followingCount, .passwordVersion, noteCount: coalesce(u.noteCount, 0) } AS user
