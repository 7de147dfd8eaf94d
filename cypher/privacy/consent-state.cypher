// The user's current consent answers (the properties named in src/privacy/policy.ts CONSENT_PROPERTY;
// null: never decided), the latest audit entry of each purpose, and the policy version they accepted.
// No row when the user is missing.
MATCH (u:User {id: $userId})
RETURN u {.consentPersonalisedRecommendations, .consentMarketingMessages, .showPurchasesToFriends, .consentAnalytics} AS stored,
       u.acceptedPolicyVersion AS acceptedPolicyVersion, u.policyAcceptedAt AS policyAcceptedAt,
       [p IN $purposes | head(COLLECT {
          MATCH (u)-[:CHANGED_CONSENT]->(c:ConsentChange {purpose: p})
          RETURN c {.purpose, .isGranted, .changedAt, .policyVersion} AS change ORDER BY change.changedAt DESC LIMIT 1
       })] AS latest
