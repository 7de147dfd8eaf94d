// Who may message the user straight into their inbox; MUTUALS when never set.
MATCH (u:User {id: $userId})
RETURN coalesce(u.messagingSetting, 'MUTUALS') AS setting
