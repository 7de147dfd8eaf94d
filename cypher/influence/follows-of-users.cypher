// The accounts a page of users follow.
UNWIND $ids AS id
MATCH (:User {id: id})-[:FOLLOWS]->(b:User)
RETURN id, collect(b.id) AS targets
