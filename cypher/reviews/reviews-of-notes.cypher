// The review each note shows (a 曬單), if any.
MATCH (n:Note)-[:SHOWS_REVIEW]->(r:Review) WHERE n.id IN $ids
RETURN n.id AS noteId, r.id AS reviewId
