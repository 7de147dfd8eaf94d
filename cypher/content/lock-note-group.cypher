// Write-locks the group a note was posted in, as bans and removals do (groups/lock-group), and
// reads the note author's standing in it after the lock, so that an edit and a ban of its author
// are serialised: an author banned a moment earlier cannot still change the note. No row for a
// note outside any group.
MATCH (author:User)-[:POSTED]->(n:Note {id: $noteId})-[:POSTED_IN]->(g:Group)
SET g._lock = true REMOVE g._lock
WITH author, g
OPTIONAL MATCH (author)-[m:MEMBER_OF]->(g)
RETURN g.visibility AS visibility, m.role AS role, m.mutedUntil AS mutedUntil,
       EXISTS { (author)-[:BANNED_FROM]->(g) } AS banned,
       EXISTS { (author)-[:INVITED_TO]->(g) } AS invited,
       EXISTS { (author)-[:REQUESTED_TO_JOIN]->(g) } AS requested
