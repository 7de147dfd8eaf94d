UNWIND $rows AS row
MATCH (a:User {id: row.from}), (b:User {id: row.to})
MERGE (a)-[f:FOLLOWS]->(b)
ON CREATE SET f.since = row.createdAt
