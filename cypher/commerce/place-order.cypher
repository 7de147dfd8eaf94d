// Places an order in one statement, the last of its transaction, so that the products' write
// locks are held for this statement and the commit only (a hot product serialises its orders on
// that lock). Locks every product of the order (in id order, so concurrent orders cannot
// deadlock), then reads stock, price and merchant after the lock: two orders racing for the last
// unit see each other. Only when every line can be served (each product exists and is sold by
// someone, has the quantity in stock, and all come from one merchant in one currency) it takes
// the stock, keeps each price on its line and records the touchpoints. Either way it returns
// each line as read under the lock, for the caller to name what was refused.
UNWIND $items AS item
MATCH (p:Product {id: item.productId})
WITH p, item ORDER BY p.id
SET p._lock = true REMOVE p._lock
WITH p, item
OPTIONAL MATCH (seller:User)-[:SELLS]->(p)
WITH collect({p: p, qty: item.qty, seller: seller}) AS lines
WITH lines, lines[0].seller AS merchant, lines[0].p.currency AS currency
WITH lines, merchant, currency,
     [l IN lines | {productId: l.p.id, stock: l.p.stock, priceMinor: l.p.priceMinor, currency: l.p.currency, merchantId: l.seller.id, qty: l.qty}] AS rows,
     coalesce(size(lines) = size($items) AND merchant IS NOT NULL
       AND all(l IN lines WHERE l.seller = merchant AND l.p.currency = currency AND l.qty <= l.p.stock), false) AS placeable
CALL (lines, merchant, currency, placeable) {
  WITH * WHERE placeable
  MATCH (buyer:User {id: $buyerId})
  CREATE (buyer)-[:PLACED]->(o:Order {
    id: $id, status: 'PLACED', totalMinor: reduce(total = 0, l IN lines | total + l.qty * l.p.priceMinor), currency: currency,
    clientKey: $clientKey, createdAt: $now, updatedAt: $now, flagged: false
  })-[:SOLD_BY]->(merchant)
  WITH o, lines
  CALL (o, lines) {
    UNWIND lines AS l
    WITH o, l, l.p AS p
    SET p.stock = p.stock - l.qty
    CREATE (o)-[:CONTAINS {qty: l.qty, unitPriceMinor: p.priceMinor}]->(p)
  }
  CALL (o) {
    UNWIND $touchpoints AS touch
    OPTIONAL MATCH (sl:ShareLink {code: touch.ref}) WHERE touch.kind IN ['SHARE_LINK', 'DIRECT_MESSAGE']
    OPTIONAL MATCH (n:Note {id: touch.ref}) WHERE touch.kind = 'NOTE'
    OPTIONAL MATCH (g:Group {id: touch.ref}) WHERE touch.kind = 'GROUP'
    WITH o, touch, coalesce(sl, n, g) AS target
    WHERE target IS NOT NULL
    CREATE (o)-[:TOUCHED {kind: touch.kind, at: touch.at}]->(target)
  }
  CALL (o) {
    WITH o WHERE $viaCode IS NOT NULL
    MATCH (via:ShareLink {code: $viaCode})
    CREATE (o)-[:VIA]->(via)
  }
}
RETURN rows, placeable
