UNWIND $rows AS row
MATCH (owner:User {id: row.owner})
MERGE (g:Group {id: row.id})
ON CREATE SET g.name = row.name, g.nameLower = toLower(row.name), g.description = '', g.visibility = row.visibility, g.rules = '',
  g.premoderation = false, g.createdAt = row.createdAt, g.updatedAt = row.createdAt, g.archivedAt = null, g.memberCount = 0
MERGE (owner)-[m:MEMBER_OF]->(g)
ON CREATE SET m.role = 'OWNER', m.joinedAt = row.createdAt, m.acceptedRulesAt = row.createdAt, m.mutedUntil = null
MERGE (owner)-[j:JOINED {at: row.createdAt}]->(g)
