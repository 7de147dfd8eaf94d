MATCH (u:User {handleLower: $handleLower})
RETURN u { {{> fragments/user-record}} } AS user
