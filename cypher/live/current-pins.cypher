// The pinned product of each room, if any.
UNWIND $ids AS id
MATCH (r:LiveRoom {id: id})-[:CURRENT_PIN]->(pin:LivePin)
RETURN id, pin { .id, .roomId, .productId, .flashPriceMinor, .flashQuantity, .flashLeft, .endsAt, .pinnedAt, .unpinnedAt } AS pin
