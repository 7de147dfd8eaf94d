// A user as the user DataLoader holds it (UserRecord, src/accounts/types.ts): the entries of a map
// projection of the user {{u}}. Every query that returns a `user` (or a comment's `author`) record
// is built from it; never the password hash or the lower-cased copies.
.id, .email, .handle, .displayName, .bio, .avatarUrl, .role, .createdAt, .followerCount, .followingCount, .passwordVersion,
noteCount: coalesce({{u}}.noteCount, 0),
hasTwoFactor: {{u}}.twoFactorEnabledAt IS NOT NULL
