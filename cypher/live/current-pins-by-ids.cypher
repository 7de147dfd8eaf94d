// Pins by id that are their room's current pin (node(id)): Room.pinnedProduct shows no other.
UNWIND $ids AS id
MATCH (:LiveRoom)-[:CURRENT_PIN]->(pin:LivePin {id: id})
RETURN pin { .id, .roomId, .productId, .flashPriceMinor, .flashQuantity, .flashLeft, .endsAt, .pinnedAt, .unpinnedAt } AS pin
