// Unpins the room's product, under the room's and the pin's locks (an order taking a flash unit
// holds the pin's lock, so none is sold at the flash price after this commits).
MATCH (r:LiveRoom {id: $roomId})
SET r._lock = true REMOVE r._lock
WITH r
OPTIONAL MATCH (r)-[cur:CURRENT_PIN]->(pin:LivePin)
SET pin._lock = true REMOVE pin._lock
SET pin.unpinnedAt = $now
DELETE cur
RETURN pin IS NOT NULL AS unpinned
