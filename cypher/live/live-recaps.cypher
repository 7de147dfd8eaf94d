// Rooms' recaps, by room id (none for a room that has not ended LIVE).
UNWIND $roomIds AS roomId
MATCH (:LiveRoom {id: roomId})-[:RECAP]->(rc:LiveRecap)
RETURN rc { .roomId, .title, .body, .draftedAt, .updatedAt, .noteId, .publishedAt } AS recap
