// A 曬單: the note shows its author's own review, shown (not held or removed) and not anonymous (a
// note names its author). No row when the review is not one the author may show.
MATCH (author:User {id: $authorId})-[:POSTED]->(n:Note {id: $noteId}), (author)-[:WROTE_REVIEW]->(r:Review {id: $reviewId})
WHERE r.modState IS NULL AND NOT r.isAnonymous
CREATE (n)-[:SHOWS_REVIEW]->(r)
RETURN r.id AS id
