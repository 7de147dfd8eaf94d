// The merchant of the reviewed product replies, once: the review is write-locked and the reply
// stored only when there is none. replied is false when one was there already.
MATCH (merchant:User {id: $merchantId})-[:SELLS]->(p:Product)<-[:OF_PRODUCT]-(r:Review {id: $id})
SET r._lock = true REMOVE r._lock
WITH r, r.replyText IS NULL AS replied
SET r.replyText = CASE WHEN replied THEN $text ELSE r.replyText END,
    r.repliedAt = CASE WHEN replied THEN $now ELSE r.repliedAt END,
    r.replierId = CASE WHEN replied THEN $merchantId ELSE r.replierId END
RETURN r.id AS id, replied
