// Batch lookup behind the viewer-relation DataLoader: how each user relates to the viewer.
MATCH (viewer:User {id: $viewerId})
UNWIND $ids AS id
MATCH (u:User {id: id})
RETURN id,
       EXISTS { (viewer)-[:FOLLOWS]->(u) } AS isFollowing,
       EXISTS { (u)-[:FOLLOWS]->(viewer) } AS followsViewer,
       EXISTS { (viewer)-[:BLOCKS]->(u) } AS isBlocked,
       EXISTS { (u)-[:BLOCKS]->(viewer) } AS hasBlockedViewer
