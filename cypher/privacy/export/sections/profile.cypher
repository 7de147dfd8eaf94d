// The archive's profile: the account as the user gave it, their settings and their points account.
// Never the password hash, the two-factor secret or recovery codes, or lower-cased copies.
MATCH (u:User {id: $userId})
OPTIONAL MATCH (a:PointAccount {userId: u.id})
RETURN u {
  .id, .handle, .email, .displayName, .bio, .avatarUrl, .birthYear, .role, .createdAt, .updatedAt,
  .followerCount, .followingCount, noteCount: coalesce(u.noteCount, 0),
  hasTwoFactor: u.twoFactorEnabledAt IS NOT NULL, twoFactorEnabledAt: u.twoFactorEnabledAt,
  showsPurchasesToFriends: coalesce(u.showPurchasesToFriends, true),
  acceptedPolicyVersion: u.acceptedPolicyVersion, policyAcceptedAt: u.policyAcceptedAt,
  deletionRequestedAt: u.deletionRequestedAt, deletionDueAt: u.deletionDueAt,
  consentState: u { .consentPersonalisedRecommendations, .consentMarketingMessages, .showPurchasesToFriends, .consentAnalytics },
  points: CASE WHEN a IS NULL THEN null ELSE a { .balance, .lifetime, .streak, .lastCheckInDay } END
} AS item
