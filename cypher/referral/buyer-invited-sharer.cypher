// Whether the buyer stands above the sharer in the sharer's invite chain (a loop back to the buyer).
MATCH (buyer:User {id: $buyerId}), (sharer:User {id: $sharerId})
RETURN EXISTS { (buyer)-[:INVITED*1..20]->(sharer) } AS loop
