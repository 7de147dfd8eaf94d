UNWIND $rows AS row
MATCH (u:User {id: row.user}), (n:Note {id: row.note})
MERGE (u)-[l:LIKED]->(n)
ON CREATE SET l.at = row.createdAt
