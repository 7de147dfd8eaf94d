// A collect goes into the user's default collection, as in the app.
UNWIND $rows AS row
MATCH (u:User {id: row.user}), (n:Note {id: row.note})
MERGE (u)-[c:COLLECTED]->(n)
ON CREATE SET c.at = row.createdAt
WITH u, n, row
OPTIONAL MATCH (u)-[:OWNS]->(existing:Collection {isDefault: true})
FOREACH (_ IN CASE WHEN existing IS NULL THEN [1] ELSE [] END |
  CREATE (u)-[:OWNS]->(:Collection {id: randomUUID(), name: 'Default', isDefault: true, createdAt: row.createdAt}))
WITH u, n, row
MATCH (u)-[:OWNS]->(d:Collection {isDefault: true})
MERGE (d)-[i:CONTAINS]->(n)
ON CREATE SET i.at = row.createdAt
