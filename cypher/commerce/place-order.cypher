// Places an order in one statement, the last of its transaction, so that the products' write
// locks are held for this statement and the commit only (a hot product serialises its orders on
// that lock). Locks every product of the order (in id order, so concurrent orders cannot
// deadlock), then reads stock, price and merchant after the lock: two orders racing for the last
// unit see each other. Only when every line can be served (each product exists and is sold by
// someone, has the quantity in stock, and all come from one merchant in one currency) it takes
// the stock, keeps each price on its line and records the touchpoints. Either way it returns
// each line as read under the lock (its price the flash price where that applied), for the caller
// to name what was refused.
UNWIND $items AS item
MATCH (p:Product {id: item.productId})
WITH p, item ORDER BY p.id
SET p._lock = true REMOVE p._lock
WITH p, item
OPTIONAL MATCH (seller:User)-[:SELLS]->(p)
WITH collect({p: p, qty: item.qty, seller: seller}) AS lines
// In a live room, the pinned product's flash price ($flash: its pin, product and whether the buyer
// takes the regular price when it is gone). The pin is locked after the products (unpinning locks
// the pin alone), so its units are counted exactly: orders of the product queue on its lock.
OPTIONAL MATCH (pin:LivePin {id: $flash.pinId})
SET pin._lock = true REMOVE pin._lock
WITH lines, pin, [l IN lines WHERE $flash IS NOT NULL AND l.p.id = $flash.productId][0] AS flashLine
WITH lines, pin, flashLine,
     coalesce(flashLine IS NOT NULL AND pin.flashPriceMinor IS NOT NULL AND pin.unpinnedAt IS NULL
       AND (pin.endsAt IS NULL OR pin.endsAt > $now) AND pin.flashLeft >= flashLine.qty, false) AS flashHolds
WITH pin, flashHolds, flashLine IS NOT NULL AND NOT flashHolds AND NOT coalesce($flash.fallback, false) AS flashRefused,
     [l IN lines | l {.*, unit: CASE WHEN flashHolds AND l.p.id = pin.productId THEN pin.flashPriceMinor ELSE l.p.priceMinor END}] AS lines
WITH lines, pin, flashHolds, flashRefused, lines[0].seller AS merchant, lines[0].p.currency AS currency
WITH lines, pin, flashHolds, flashRefused, merchant, currency,
     [l IN lines | {productId: l.p.id, stock: l.p.stock, priceMinor: l.unit, currency: l.p.currency, merchantId: l.seller.id, qty: l.qty}] AS rows,
     coalesce(size(lines) = size($items) AND merchant IS NOT NULL AND NOT flashRefused
       AND all(l IN lines WHERE l.seller = merchant AND l.p.currency = currency AND l.qty <= l.p.stock), false) AS placeable
CALL (lines, merchant, currency, placeable, pin, flashHolds) {
  WITH * WHERE placeable
  MATCH (buyer:User {id: $buyerId})
  CREATE (buyer)-[:PLACED]->(o:Order {
    id: $id, status: 'PLACED', totalMinor: reduce(total = 0, l IN lines | total + l.qty * l.unit), currency: currency,
    clientKey: $clientKey, createdAt: $now, updatedAt: $now, flagged: false
  })-[:SOLD_BY]->(merchant)
  WITH o, lines, pin, flashHolds
  CALL (o, lines, pin, flashHolds) {
    WITH * WHERE flashHolds
    WITH o, pin, [l IN lines WHERE l.p.id = pin.productId][0] AS l
    SET pin.flashLeft = pin.flashLeft - l.qty, pin.flashOrders = coalesce(pin.flashOrders, 0) + 1
    CREATE (o)-[:FLASH_OF {qty: l.qty, unitPriceMinor: l.unit}]->(pin)
  }
  CALL (o, lines) {
    UNWIND lines AS l
    WITH o, l, l.p AS p
    SET p.stock = p.stock - l.qty
    CREATE (o)-[:CONTAINS {qty: l.qty, unitPriceMinor: l.unit}]->(p)
  }
  CALL (o) {
    UNWIND $touchpoints AS touch
    OPTIONAL MATCH (sl:ShareLink {code: touch.ref}) WHERE touch.kind IN ['SHARE_LINK', 'DIRECT_MESSAGE']
    OPTIONAL MATCH (n:Note {id: touch.ref}) WHERE touch.kind = 'NOTE'
    OPTIONAL MATCH (g:Group {id: touch.ref}) WHERE touch.kind = 'GROUP'
    OPTIONAL MATCH (room:LiveRoom {id: touch.ref}) WHERE touch.kind = 'LIVE'
    FOREACH (_ IN CASE WHEN room IS NULL THEN [] ELSE [1] END | SET room.orderCount = coalesce(room.orderCount, 0) + 1)
    WITH o, touch, coalesce(sl, n, g, room) AS target
    WHERE target IS NOT NULL
    CREATE (o)-[:TOUCHED {kind: touch.kind, at: touch.at}]->(target)
  }
  CALL (o) {
    WITH o WHERE $viaCode IS NOT NULL
    MATCH (via:ShareLink {code: $viaCode})
    CREATE (o)-[:VIA]->(via)
  }
}
OPTIONAL MATCH (room:LiveRoom {id: $liveRoomId})
RETURN rows, placeable, flashRefused, flashHolds AS flashApplied, pin.flashLeft AS flashLeft, room.orderCount AS roomOrders
