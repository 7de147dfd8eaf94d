// Records that the user accepted policy $version at $now: the version on the user (what
// needsPolicyAcceptance compares) and one ACCEPTED_POLICY per acceptance, as its audit trail.
MATCH (u:User {id: $userId})
MERGE (p:PrivacyPolicy {version: $version})
  ON CREATE SET p.firstAcceptedAt = $now
CREATE (u)-[:ACCEPTED_POLICY {acceptedAt: $now}]->(p)
SET u.acceptedPolicyVersion = $version, u.policyAcceptedAt = $now
RETURN u.id AS id
