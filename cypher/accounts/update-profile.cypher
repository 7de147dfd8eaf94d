// Updates the given profile fields; $interests, when not null, replaces the interest topics.
// A given $showPurchasesToFriends is the SHOW_PURCHASES_TO_FRIENDS consent: kept in its audit trail.
MATCH (u:User {id: $id})
SET u.displayName = coalesce($displayName, u.displayName),
    u.bio = coalesce($bio, u.bio),
    u.avatarUrl = CASE WHEN $clearAvatar THEN null ELSE coalesce($avatarUrl, u.avatarUrl) END,
    u.showPurchasesToFriends = coalesce($showPurchasesToFriends, u.showPurchasesToFriends),
    u.updatedAt = $now
WITH u
CALL (u) {
  WITH u WHERE $showPurchasesToFriends IS NOT NULL
  {{> fragments/record-consent-change}}
}
CALL (u) {
  WITH u WHERE $interests IS NOT NULL
  OPTIONAL MATCH (u)-[old:INTERESTED_IN]->(:Topic)
  DELETE old
  WITH DISTINCT u
  UNWIND $interests AS name
  MERGE (t:Topic {name: name})
  ON CREATE SET t.createdAt = $now
  MERGE (u)-[:INTERESTED_IN]->(t)
}
RETURN u { {{> fragments/user-record}} } AS user
