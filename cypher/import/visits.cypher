UNWIND $rows AS row
MATCH (l:ShareLink {code: row.code})
MERGE (v:Visit {id: row.id})
ON CREATE SET v.at = row.createdAt, v.visitorId = row.visitor, v.userId = null
MERGE (v)-[:OF_LINK]->(l)
