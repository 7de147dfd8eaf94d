// A clause fragment: keeps one entry of {{u}}'s consent audit trail (purpose, answer, time, the
// policy version in force and which mutation made it), in the statement that changes the answer.
// The trail is never rewritten; the account's deletion sweep removes it with the account.
CALL ({{u}}) {
  CREATE ({{u}})-[:CHANGED_CONSENT]->(:ConsentChange {id: randomUUID(), purpose: $consentPurpose, isGranted: $consentGranted, changedAt: $now, policyVersion: $policyVersion, source: $consentSource})
}
