// The reviews the user wrote, with the merchant's reply to each.
MATCH (:User {id: $userId})-[:WROTE_REVIEW]->(r:Review)
WHERE $after IS NULL OR r.id > $after
RETURN r.id AS key, r { .id, .orderId, .productId, .rating, .quality, .value, .shipping, .text, .mediaJson, .isAnonymous, .modState, .createdAt, .replyText, .repliedAt } AS item
ORDER BY key
LIMIT $limit
