// Marks the recap published as this note; a recap published before keeps its first note.
MATCH (:LiveRoom {id: $roomId})-[:RECAP]->(rc:LiveRecap)
SET rc.noteId = coalesce(rc.noteId, $noteId), rc.publishedAt = coalesce(rc.publishedAt, $now)
RETURN rc.noteId AS noteId
