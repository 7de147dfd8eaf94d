// Sets the user's answer for one purpose ($state: the purpose's property, src/privacy/policy.ts)
// and keeps the change in the audit trail, in one statement. No row when the user is missing.
MATCH (u:User {id: $userId})
SET u += $state, u.updatedAt = $now
WITH u
{{> fragments/record-consent-change}}
RETURN u.id AS id
