// The target of a share, if it exists: a note, a product or a group.
CALL {
  MATCH (t:Note {id: $targetId}) WHERE $targetType = 'NOTE' AND t.deletedAt IS NULL RETURN t
  UNION
  MATCH (t:Product {id: $targetId}) WHERE $targetType = 'PRODUCT' RETURN t
  UNION
  MATCH (t:Group {id: $targetId}) WHERE $targetType = 'GROUP' RETURN t
}
RETURN t.id AS id
