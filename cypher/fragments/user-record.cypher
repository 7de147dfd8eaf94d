// A user as the user DataLoader holds it (UserRecord, src/accounts/types.ts): the entries of a map
// projection of the user {{u}}. Never the password hash or the email's lower-cased copy.
.id, .email, .handle, .displayName, .bio, .avatarUrl, .role, .createdAt, .followerCount, .followingCount, .passwordVersion,
noteCount: coalesce({{u}}.noteCount, 0)
