// Batch lookup: the viewer's standing in each group.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (g:Group {id: id})
RETURN id,
       {{> fragments/viewer-standing as columns}}
