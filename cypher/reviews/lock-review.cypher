// Write-locks a review and reads its moderation state, before a moderator changes it, so what the
// action changed (published, removed, restored) is known for the events it announces.
MATCH (r:Review {id: $id})
SET r._lock = true REMOVE r._lock
RETURN r.modState AS modState, r.authorId AS authorId
