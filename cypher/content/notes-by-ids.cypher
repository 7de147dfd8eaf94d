// Batch lookup behind the note DataLoader. Deleted notes are returned too: the visibility rules
// drop them, and moderation still needs them.
UNWIND $ids AS id
MATCH (author:User)-[:POSTED]->(n:Note {id: id})
RETURN n {
  {{> fragments/note-record}}
} AS note
