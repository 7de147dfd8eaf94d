// Batch lookup behind the interests DataLoader.
UNWIND $ids AS id
MATCH (u:User {id: id})
OPTIONAL MATCH (u)-[:INTERESTED_IN]->(t:Topic)
WITH id, t ORDER BY t.name
RETURN id, collect(t.name) AS topics
