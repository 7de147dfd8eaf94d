UNWIND $rows AS row
MATCH (u:User {id: row.user}), (g:Group {id: row.group})
MERGE (u)-[m:MEMBER_OF]->(g)
ON CREATE SET m.role = row.role, m.joinedAt = row.joinedAt, m.acceptedRulesAt = row.joinedAt, m.mutedUntil = null
MERGE (u)-[j:JOINED {at: row.joinedAt}]->(g)
