MATCH (u:User {id: $id})
RETURN u.id AS id, u.handle AS handle, u.email AS email, u.passwordHash AS passwordHash, u.passwordVersion AS passwordVersion,
       u.deletionDueAt AS deletionDueAt
