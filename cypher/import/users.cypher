// Imports users by id; an existing user (by id) is left as it is, so re-importing changes nothing.
UNWIND $rows AS row
MERGE (u:User {id: row.id})
ON CREATE SET u.handle = row.handle, u.handleLower = toLower(row.handle), u.email = row.email, u.emailLower = toLower(row.email),
  u.displayName = row.displayName, u.bio = '', u.avatarUrl = null, u.role = 'USER', u.passwordHash = row.passwordHash,
  u.passwordVersion = 1, u.createdAt = row.createdAt, u.updatedAt = row.createdAt, u.birthYear = row.birthYear,
  u.followerCount = 0, u.followingCount = 0, u.noteCount = 0
WITH u, row
UNWIND row.topics AS name
MERGE (t:Topic {name: name})
ON CREATE SET t.createdAt = row.createdAt
MERGE (u)-[:INTERESTED_IN]->(t)
