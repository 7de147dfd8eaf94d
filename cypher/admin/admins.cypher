// Every account with the ADMIN role, for `npm run admin -- --list`.
MATCH (u:User {role: 'ADMIN'})
RETURN u.id AS id, u.handle AS handle, u.email AS email
ORDER BY u.handleLower
LIMIT $limit
