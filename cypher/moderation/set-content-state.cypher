// Hides, removes or restores a note or comment (modState null = visible).
CALL {
  MATCH (t:Note {id: $targetId}) WHERE $targetType = 'NOTE' RETURN t
  UNION
  MATCH (t:Comment {id: $targetId}) WHERE $targetType = 'COMMENT' RETURN t
}
SET t.modState = $state
RETURN t.id AS id
