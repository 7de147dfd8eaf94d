// Which of the email and handle are already taken, ignoring case.
OPTIONAL MATCH (byEmail:User {emailLower: $emailLower})
OPTIONAL MATCH (byHandle:User {handleLower: $handleLower})
RETURN byEmail IS NOT NULL AS emailTaken, byHandle IS NOT NULL AS handleTaken
