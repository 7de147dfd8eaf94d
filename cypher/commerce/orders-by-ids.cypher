// Batch lookup behind the order DataLoader.
UNWIND $ids AS id
MATCH (buyer:User)-[:PLACED]->(o:Order {id: id})-[:SOLD_BY]->(merchant:User)
// An order without coupons (placed before them, or by a group buy) paid its lines in full.
RETURN o { .id, .status, .totalMinor, .currency, .createdAt, .updatedAt, .flagged,
           buyerId: buyer.id, merchantId: merchant.id,
           viaCode: head([(o)-[:VIA]->(l:ShareLink) | l.code]),
           subtotalMinor: coalesce(o.subtotalMinor, o.totalMinor), discountMinor: coalesce(o.discountMinor, 0),
           coupons: [(o)-[u:USED_COUPON]->(:CouponClaim) | {couponId: u.couponId, discountMinor: u.discountMinor}],
           items: [(o)-[c:CONTAINS]->(p:Product) | {productId: p.id, qty: c.qty, unitPriceMinor: c.unitPriceMinor,
                   discountMinor: coalesce(c.discountMinor, 0), paidMinor: coalesce(c.paidMinor, c.qty * c.unitPriceMinor)}] } AS order
