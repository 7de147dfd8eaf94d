// Batch lookup behind the viewer-relation DataLoader: how each user relates to the viewer.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN id,
       {{> fragments/viewer-relation as columns}}
