// Hides, removes or restores a note, comment or review (modState null = visible). A review's place in
// its product's rating follows in the same transaction (reviews/settle-review).
CALL {
  MATCH (t:Note {id: $targetId}) WHERE $targetType = 'NOTE' RETURN t
  UNION
  MATCH (t:Comment {id: $targetId}) WHERE $targetType = 'COMMENT' RETURN t
  UNION
  MATCH (t:Review {id: $targetId}) WHERE $targetType = 'REVIEW' RETURN t
}
SET t.modState = $state
RETURN t.id AS id
