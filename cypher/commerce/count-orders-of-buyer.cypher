MATCH (:User {id: $buyerId})-[:PLACED]->(o:Order)
RETURN count(o) AS total
