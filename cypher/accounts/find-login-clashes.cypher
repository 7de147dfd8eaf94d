// Which of the email and handle are already taken, ignoring case. A handle an erased account had
// is taken while its quarantine lasts ($handleHash: src/privacy/deletion-sweep.ts handleHash).
OPTIONAL MATCH (byEmail:User {emailLower: $emailLower})
OPTIONAL MATCH (byHandle:User {handleLower: $handleLower})
OPTIONAL MATCH (quarantined:HandleQuarantine {handleHash: $handleHash}) WHERE quarantined.until > $now
RETURN byEmail IS NOT NULL AS emailTaken, byHandle IS NOT NULL OR quarantined IS NOT NULL AS handleTaken
