MATCH (:GroupBuy {id: $id})-[:FOR]->(:Product)<-[:SELLS]-(m:User)
RETURN m.id AS merchantId
