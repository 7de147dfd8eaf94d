// Sets who may message the user straight into their inbox.
MATCH (u:User {id: $userId})
SET u.messagingSetting = $setting
RETURN u.messagingSetting AS setting
