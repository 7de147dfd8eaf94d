// How many proposals proposals-page lists in all.
MATCH (c:Coupon {merchantId: $merchantId, status: 'PENDING_APPROVAL'})
RETURN count(c) AS total
