// The notes the user liked, and when: the ids only (the notes are their authors').
MATCH (:User {id: $userId})-[l:LIKED]->(n:Note)
WHERE $after IS NULL OR n.id > $after
RETURN n.id AS key, { noteId: n.id, likedAt: l.at } AS item
ORDER BY key
LIMIT $limit
