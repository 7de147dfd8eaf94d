// The last step: the person becomes a tombstone. What identifies them is erased or replaced
// ($handle and $email are made from the id); the orders, commissions and share links that stay
// point at this node, not at the person. Influence and its ranks go, so no leaderboard or search
// lists them. The old handle is kept only as a hash, reserved until $quarantineUntil.
MATCH (u:User {id: $userId})
WHERE u.deletedAt IS NULL
SET u.email = $email, u.emailLower = $email, u.handle = $handle, u.handleLower = $handle,
    u.displayName = 'Deleted user', u.bio = '', u.avatarUrl = null,
    u.passwordVersion = coalesce(u.passwordVersion, 0) + 1,
    u.followerCount = 0, u.followingCount = 0, u.noteCount = 0,
    u.deletedAt = $now, u.updatedAt = $now
REMOVE u.passwordHash, u.birthYear, u.deletionRequestedAt, u.deletionDueAt, u.showPurchasesToFriends,
       u.consentPersonalisedRecommendations, u.consentMarketingMessages, u.consentAnalytics,
       u.acceptedPolicyVersion, u.policyAcceptedAt, u.sessionsChangedAt,
       u.influenceScore, u.pageRank, u.engagement, u.engagementRate, u.conversions, u.gmv, u.reach,
       u.kolTier, u.influenceRank, u.influenceComputedAt
MERGE (q:HandleQuarantine {handleHash: $handleHash})
SET q.until = $quarantineUntil
RETURN u.id AS id
