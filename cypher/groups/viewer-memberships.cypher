// Batch lookup: the viewer's standing in each group.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (g:Group {id: id})
OPTIONAL MATCH (viewer)-[m:MEMBER_OF]->(g)
RETURN id, m.role AS role, m.mutedUntil AS mutedUntil,
       EXISTS { (viewer)-[:BANNED_FROM]->(g) } AS banned,
       EXISTS { (viewer)-[:INVITED_TO]->(g) } AS invited,
       EXISTS { (viewer)-[:REQUESTED_TO_JOIN]->(g) } AS requested
