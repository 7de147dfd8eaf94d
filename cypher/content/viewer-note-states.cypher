// Batch lookup: has the viewer liked or collected each note.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (n:Note {id: id})
RETURN id,
       {{> fragments/viewer-note-state as columns}}
