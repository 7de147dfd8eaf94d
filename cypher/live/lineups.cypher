// The lineup of each room, in the host's order.
UNWIND $ids AS id
MATCH (r:LiveRoom {id: id})-[f:FEATURES]->(p:Product)
WITH id, p ORDER BY f.position
RETURN id, collect(p.id) AS productIds
