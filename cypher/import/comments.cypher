UNWIND $rows AS row
MATCH (a:User {id: row.author}), (n:Note {id: row.note})
MERGE (c:Comment {id: row.id})
ON CREATE SET c.text = row.text, c.createdAt = row.createdAt, c.deletedAt = null, c.clientKey = null, c.replyCount = 0, c.modState = null
MERGE (a)-[:WROTE]->(c)
MERGE (c)-[:ON]->(n)
WITH c, row WHERE row.replyTo IS NOT NULL
MATCH (p:Comment {id: row.replyTo})
MERGE (c)-[:REPLY_TO]->(p)
